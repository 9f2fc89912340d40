import Benchmark
import BenchmarkFleet
import FOTAJob
import FOTAModel
import Foundation
import Logging

/// The whole saved-night pipeline, as `fota-report run --from-pages DIR --no-history --no-plan`
/// runs it: every page read, decoded, normalised and aggregated, and every default report
/// (CSV, HTML, XML, run.json) published.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .peakMemoryResident, devicesPerSecond],
    maxDuration: .seconds(20), maxIterations: 5)

  for devices in [300_000, 1_000_000] {
    let pages = try! SavedNights.pages(devices: devices)
    Benchmark("saved night to every report: \(devices / 1000)k devices") { benchmark in
      let output = FileManager.default.temporaryDirectory
        .appendingPathComponent("fota-bench-\(ProcessInfo.processInfo.processIdentifier)/latest")
      defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
      // The reports python_fast.py is compared with; report.xlsx is timed by the README's command.
      let configuration = RunConfiguration(
        source: .pages(directory: pages), output: output, asOf: 1_793_491_200_000,
        formats: [.csv, .html, .xml], templates: SavedNights.templates)
      let started = ContinuousClock.now
      let outcome = try await ReportJob(configuration: configuration, logger: quiet).run()
      let elapsed = (ContinuousClock.now - started).components
      let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
      benchmark.measurement(devicesPerSecond, Int(Double(outcome.summary.totals.devices) / seconds))
    }
  }
}

let devicesPerSecond = BenchmarkMetric.custom("devices/s", polarity: .prefersLarger, useScalingFactor: false)
let quiet = Logger(label: "benchmark") { _ in SwiftLogNoOpLogHandler() }

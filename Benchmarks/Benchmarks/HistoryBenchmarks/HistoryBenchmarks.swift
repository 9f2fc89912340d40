import Benchmark
import BenchmarkFleet
import FOTACollect
import FOTAHistory
import FOTAModel
import FOTANightDevices
import Foundation
import Logging

/// The history step at 1,000,000 devices: comparing a night with the stored one and recording
/// it (prepare, commit, mark published), for the first night and for a later night with about
/// 5% of devices changed (the demo fleet two nights on).
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(30), maxIterations: 5)

  Benchmark("history step, first night: 1,000,000 devices", configuration: .init(setup: Nights.collect)) {
    benchmark in
    let nights = try Nights.shared.get()
    let path = nights.scratch.appendingPathComponent("first-\(benchmark.currentIteration).sqlite")
    defer { Night.remove(path) }
    benchmark.startMeasurement()
    try nights.first.record(into: path)
    benchmark.stopMeasurement()
  }

  Benchmark(
    "history step, a later night with about 5% changed: 1,000,000 devices",
    configuration: .init(setup: Nights.collect)
  ) { benchmark in
    let nights = try Nights.shared.get()
    let path = nights.scratch.appendingPathComponent("later-\(benchmark.currentIteration).sqlite")
    defer { Night.remove(path) }
    try FileManager.default.copyItem(at: nights.recorded, to: path)
    benchmark.startMeasurement()
    try nights.later.record(into: path)
    benchmark.stopMeasurement()
  }
}

/// The two nights the benchmarks record, collected once by the first benchmark's setup.
struct Nights: Sendable {
  let scratch: URL
  let first: Night
  let later: Night
  /// A history holding the first night.
  let recorded: URL

  nonisolated(unsafe) static var shared: Result<Nights, any Error> = .failure(CancellationError())

  /// Collects the demo fleet's nights 0 and 2 and records night 0, once.
  static func collect() async throws {
    if case .success = shared { return }
    let devices = 1_000_000
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("fota-history-bench-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let first = try await Night.collect(devices: devices, night: 0, asOfDay: 1, in: scratch)
    let later = try await Night.collect(devices: devices, night: 2, asOfDay: 3, in: scratch)
    let recorded = scratch.appendingPathComponent("night0.sqlite")
    try first.record(into: recorded)
    shared = .success(Nights(scratch: scratch, first: first, later: later, recorded: recorded))
  }
}

/// One collected night of the demo fleet: its summary and spool.
struct Night: @unchecked Sendable {
  let collected: CollectedNight
  let asOf: Int64

  /// Collects the demo fleet's `night` as of 2026-11-`asOfDay`, into a spool in `scratch`.
  static func collect(devices: Int, night: Int, asOfDay: Int, in scratch: URL) async throws -> Night {
    let asOf = CivilCalendar.days(year: 2026, month: 11, day: asOfDay) * 86_400_000
    var source = try PageDirectorySource(directory: try SavedNights.pages(devices: devices, night: night))
    let spool = try DeviceSpool(url: scratch.appendingPathComponent("night\(night).spool"))
    let collector = NightCollector(
      settings: .init(account: nil, clientType: nil, asOf: asOf, plan: nil),
      logger: Logger(label: "benchmark") { _ in SwiftLogNoOpLogHandler() })
    return Night(
      collected: try await collector.collect(from: &source, into: spool, recorder: nil), asOf: asOf)
  }

  /// Prepares, commits and publishes the night in the history at `path`.
  func record(into path: URL) throws {
    let store = try HistoryStore(path: path.path)
    let prepared = try store.prepare(
      account: collected.figures.account, clientTypeFilter: nil, asOf: asOf, summary: collected.summary,
      devices: try collected.devices())
    let runId = try store.commit(prepared, devices: try collected.devices(), output: "/benchmark")
    try store.markPublished(runId)
  }

  static func remove(_ path: URL) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path.path + suffix) }
  }
}

import Benchmark
import BenchmarkFleet
import FOTAModel
import FOTANormalise
import Foundation
import ThingSpaceAPI
import ThingSpaceReferenceDecoding

/// The page decoder's speed in MB/s and devices/s, on 100 saved pages of the demo fleet (every
/// quirk included), against Foundation's `JSONDecoder` on the same bytes.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, megabytesPerSecond, devicesPerSecond],
    maxDuration: .seconds(5), maxIterations: 50)

  let bodies = try! SavedNights.bodies(devices: 100_000)
  let bytes = bodies.reduce(0) { $0 + $1.count }
  let records = 100_000

  Benchmark("page decoder: 100 pages, 100,000 records") { benchmark in
    let started = ContinuousClock.now
    var decoded = 0
    for body in bodies {
      var decoder = DeviceListDecoder()
      decoded += try! decoder.decode(body).deviceList.count
    }
    report(benchmark, bytes: bytes, records: decoded, since: started)
  }

  Benchmark("page decoder and normaliser: 100 pages, 100,000 records") { benchmark in
    let started = ContinuousClock.now
    let normaliser = DeviceNormaliser(asOf: 1_793_491_200_000)
    var diagnostics = Diagnostics()
    var devices = 0
    for (number, body) in bodies.enumerated() {
      var decoder = DeviceListDecoder()
      for entry in try! decoder.decode(body).deviceList {
        if normaliser.normalise(entry, page: number + 1, diagnostics: &diagnostics) != nil { devices += 1 }
      }
    }
    blackHole(diagnostics)
    report(benchmark, bytes: bytes, records: records, since: started)
  }

  Benchmark("Foundation JSONDecoder on the same pages, for comparison") { benchmark in
    let started = ContinuousClock.now
    var decoded = 0
    for body in bodies {
      decoded += try! JSONDecoder().decode(DeviceListPage.self, from: Data(body)).deviceList.count
    }
    report(benchmark, bytes: bytes, records: decoded, since: started)
  }
}

let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
let devicesPerSecond = BenchmarkMetric.custom("devices/s", polarity: .prefersLarger, useScalingFactor: false)

/// Records one iteration's throughput.
func report(_ benchmark: Benchmark, bytes: Int, records: Int, since started: ContinuousClock.Instant) {
  let elapsed = (ContinuousClock.now - started).components
  let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
  benchmark.measurement(megabytesPerSecond, Int(SavedNights.megabytes(bytes) / seconds))
  benchmark.measurement(devicesPerSecond, Int(Double(records) / seconds))
}

import Benchmark
import FOTAFleet
import FOTAModel
import FOTANightDevices
import FOTANormalise
import FOTARender
import Foundation
import ThingSpaceAPI

/// Throughput of the stages that run once per device, on the shared synthetic fleet.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.throughput, .wallClock, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(3))

  let fleet = SyntheticFleet(seed: 42, deviceCount: 5_000)
  let bodies = fleet.pages().map { Data($0.body.utf8) }
  let upgradeTimes: [String] = bodies.flatMap { body -> [String] in
    let page = try! DeviceListPage(decoding: body)
    return page.deviceList.compactMap { entry in
      if case .device(let device) = entry { return device.upgradeTime.text }
      return nil
    }
  }

  Benchmark("upgradeTime parsing (\(upgradeTimes.count) values, every shape)") { benchmark in
    for _ in benchmark.scaledIterations {
      for text in upgradeTimes { blackHole(UpgradeTimeParser.parse(text)) }
    }
  }

  Benchmark("DateFormatter on the same values, for comparison") { benchmark in
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS Z 'UTC'"
    for _ in benchmark.scaledIterations {
      for text in upgradeTimes.prefix(1_000) { blackHole(formatter.date(from: text)) }
    }
  }

  Benchmark("decode, normalise and aggregate one 1,000-device page") { benchmark in
    let body = bodies[0]
    for _ in benchmark.scaledIterations {
      var decoder = DeviceListDecoder()
      let page = try! decoder.decode([UInt8](body))
      let normaliser = DeviceNormaliser(asOf: SyntheticFleet.epoch)
      var aggregator = FleetAggregator(asOf: SyntheticFleet.epoch)
      var diagnostics = Diagnostics()
      for entry in page.deviceList {
        if let device = normaliser.normalise(entry, page: 1, diagnostics: &diagnostics) {
          aggregator.add(device, page: 1, diagnostics: &diagnostics)
        }
      }
      blackHole(aggregator.summary)
    }
  }

  Benchmark("CSV rows for 1,000 devices") { benchmark in
    var decoder = DeviceListDecoder()
    let page = try! decoder.decode([UInt8](bodies[0]))
    var diagnostics = Diagnostics()
    let normaliser = DeviceNormaliser(asOf: SyntheticFleet.epoch)
    let devices = page.deviceList.compactMap { normaliser.normalise($0, page: 1, diagnostics: &diagnostics) }
    for _ in benchmark.scaledIterations {
      var bytes: [UInt8] = []
      for device in devices {
        CSVRow.append(
          [
            device.deviceId, device.mdn, device.make, device.model, device.firmware, device.clientType,
            device.status, String(device.fotaEligible), String(device.licenseAssigned),
            Readiness(device).rawValue, device.upgrade.state.rawValue, device.upgrade.iso8601,
          ], to: &bytes)
      }
      blackHole(bytes)
    }
  }
}

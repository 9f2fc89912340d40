import Foundation
import ThingSpaceAPI

/// The fleet's firmware list and license pool, as the planning endpoints serve them.
extension SyntheticFleet {
  /// Upgrade paths: each model's releases in order, a skip-ahead fork for the Quectel line, and
  /// an older release leading to the single-release line so its devices are up to date.
  public var firmwareList: [FirmwareEntry] {
    var entries: [FirmwareEntry] = []
    for (lineIndex, line) in FleetCatalog.lines.enumerated() {
      var versions = line.firmware
      if versions.count == 1 { versions.insert(versions[0] + "-previous", at: 0) }
      for index in 0..<(versions.count - 1) {
        entries.append(
          FirmwareEntry(
            firmwareName: "FOTA \(line.make) \(line.model) \(versions[index + 1])", participantName: "sim",
            launchDate: "2026-0\(1 + (index + lineIndex) % 9)-15T00:00:00.000Z",
            releaseNote: "Release \(versions[index + 1])", model: line.model, make: line.make,
            fromVersion: versions[index], toVersion: versions[index + 1]))
      }
      if line.model == "BG96", versions.count >= 3 {
        entries.append(
          FirmwareEntry(
            firmwareName: "FOTA \(line.make) \(line.model) \(versions[2]) direct", participantName: "sim",
            launchDate: "2026-10-01T00:00:00.000Z", releaseNote: "Skip-ahead", model: line.model,
            make: line.make, fromVersion: versions[0], toVersion: versions[2]))
      }
    }
    return entries
  }

  /// The license pool on `night`: every licensed device, and 3% of the fleet still free.
  public func licenseSummary(night: Int = 0) -> LicenseSummary {
    var holders: [LicenseSummary.Holder] = []
    for slot in 0..<slotCount(night: night) where night == 0 || !isRemoved(slot: slot, night: night) {
      let device = device(at: slot, night: night)
      if device.licensed {
        holders.append(.init(deviceId: device.deviceId, assignmentTime: "2026-01-15T00:00:00.000Z"))
      }
    }
    return LicenseSummary(
      accountName: account, totalLicenses: holders.count + max(1, deviceCount * 3 / 100),
      assignedLicenses: holders.count, hasMoreData: false, lastSeenDeviceId: .number(0),
      deviceList: Array(holders.prefix(1000)))
  }

  /// The firmware list as the endpoint answers it: JSON with sorted keys.
  public var firmwareListBody: Data { Self.json(firmwareList) }

  /// The license pool on `night` as the endpoint answers it.
  public func licenseSummaryBody(night: Int = 0) -> Data { Self.json(licenseSummary(night: night)) }

  /// `value` as the simulated endpoints answer it: JSON with sorted keys.
  public static func json(_ value: some Encodable) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(value)) ?? Data()
  }
}

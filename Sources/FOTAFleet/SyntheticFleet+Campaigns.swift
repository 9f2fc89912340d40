import FOTAModel
import Foundation
import ThingSpaceAPI

/// The fleet's upgrade reports, as `GET /api/fota/v1/reports/{account}/status/{status}/index/…`
/// serves them: a few per cent of the devices in upgrades of each kind ThingSpace reports, so that
/// every plan status and every column of the campaign outcomes has devices on the demo.
extension SyntheticFleet {
  /// Upgrades a page of the upgrade reports holds.
  public static let upgradesPerPage = 4

  /// The kinds of upgrade a device may be in, with the share of devices (per mille) in each.
  private enum CampaignKind: CaseIterable {
    /// Finished: the device moved to its current firmware.
    case succeeded
    /// In progress toward the next firmware, the device queued or installing.
    case inFlight
    /// Queued toward the next firmware past its end date: a stalled upgrade.
    case stalled
    /// Two upgrades toward the next firmware, both failed on the device.
    case failedTwice
    /// One failed upgrade toward the next firmware.
    case failedOnce
    /// Reported upgraded toward the next firmware, though the device list still shows the old one.
    case reportedOnly

    /// The per-mille range of devices in this kind.
    var share: Range<Int> {
      switch self {
      case .succeeded: 0..<40
      case .inFlight: 40..<55
      case .stalled: 55..<60
      case .failedTwice: 60..<70
      case .failedOnce: 70..<75
      case .reportedOnly: 75..<78
      }
    }
  }

  /// Every upgrade of the fleet on `night`, by the status it is reported under, each status's
  /// pages in order.
  public func upgradeReports(night: Int = 0) -> [(status: String, pages: [UpgradeReportPage])] {
    let day = CivilCalendar.floorDays(milliseconds: Self.epoch) + Int64(night)
    func date(_ offset: Int64) -> String { CivilCalendar.isoDate(milliseconds: (day + offset) * 86_400_000) }
    var drafts: [String: FirmwareUpgrade] = [:]
    func add(
      _ key: String, status: String, to firmware: String, device: SyntheticDevice, start: Int64, end: Int64?,
      entry: String, reason: String? = nil
    ) {
      let id = Self.upgradeId(seed: seed, key: key + "/" + firmware)
      if drafts[id] == nil {
        drafts[id] = FirmwareUpgrade(
          id: id, accountName: account, firmwareName: "FOTA \(device.make) \(device.model) \(firmware)",
          firmwareTo: firmware, startDate: date(start), endDate: end.map(date), status: status, deviceList: []
        )
      }
      drafts[id]?.deviceList.append(.init(deviceId: device.deviceId, status: entry, resultReason: reason))
    }
    for slot in 0..<slotCount(night: night) where night == 0 || !isRemoved(slot: slot, night: night) {
      let device = device(at: slot, night: night, withJSON: false)
      guard !device.deviceId.isEmpty, !device.model.isEmpty else { continue }
      var random = SplitMix64(seed: seed ^ (UInt64(slot) &* 0xD6E8_FEB8_6659_FD93) ^ 0xCA3F)
      let draw = random.below(1000)
      guard let kind = CampaignKind.allCases.first(where: { $0.share.contains(draw) }) else { continue }
      let line = "\(device.make) \(device.model)"
      switch kind {
      case .succeeded:
        guard device.previousFirmware != nil else { continue }
        add(
          "finished \(line)", status: "Finished", to: device.firmware, device: device, start: -20, end: -13,
          entry: "UpgradeSuccess")
      case .inFlight:
        guard let next = device.nextFirmware else { continue }
        let entry = ["InProgress", "Queued", "Request Pending"][random.below(3)]
        add(
          "in flight \(line)", status: "InProgress", to: next, device: device, start: -2, end: 5, entry: entry
        )
      case .stalled:
        guard let next = device.nextFirmware else { continue }
        add(
          "stalled \(line)", status: "Queued", to: next, device: device, start: -9, end: -2, entry: "Queued")
      case .failedTwice:
        guard let next = device.nextFirmware else { continue }
        add(
          "first try \(line)", status: "UpgradeFailed", to: next, device: device, start: -16, end: -9,
          entry: "UpgradeFailed", reason: "Device unreachable")
        add(
          "second try \(line)", status: "UpgradeFailed", to: next, device: device, start: -8, end: -1,
          entry: "Upgrade Failed", reason: "Battery too low to install")
      case .failedOnce:
        guard let next = device.nextFirmware else { continue }
        add(
          "second try \(line)", status: "UpgradeFailed", to: next, device: device, start: -8, end: -1,
          entry: "UpgradeFailed", reason: "Download interrupted")
      case .reportedOnly:
        guard let next = device.nextFirmware else { continue }
        add(
          "finished \(line)", status: "Finished", to: next, device: device, start: -20, end: -13,
          entry: "UpgradeSuccess")
      }
    }
    return ThingSpacePaths.upgradeStatuses.map { status in
      let upgrades = drafts.values.filter { $0.status == status }.sorted {
        ($0.startDate, $0.id) < ($1.startDate, $1.id)
      }
      var pages: [UpgradeReportPage] = []
      var start = 0
      repeat {
        let end = min(start + Self.upgradesPerPage, upgrades.count)
        pages.append(
          UpgradeReportPage(
            hasMoreFlag: end < upgrades.count, lastSeenUpgradeId: .number(Int64(end)),
            reportList: Array(upgrades[start..<end])))
        start = end
      } while start < upgrades.count
      return (status, pages)
    }
  }

  /// A UUID-shaped id made from the fleet's seed and what the upgrade is.
  private static func upgradeId(seed: UInt64, key: String) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
    for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
    let hex = String(hash, radix: 16)
    let digits = String(repeating: "0", count: 16 - hex.count) + hex
    let a = digits.prefix(8)
    let b = digits.dropFirst(8).prefix(4)
    let c = digits.dropFirst(12).prefix(4)
    return "\(a)-\(b)-4\(c.dropFirst())-8000-\(digits.suffix(12))"
  }
}

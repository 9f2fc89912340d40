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
      case .succeeded: 0..<50
      case .inFlight: 50..<65
      case .stalled: 65..<68
      case .failedTwice: 68..<72
      case .failedOnce: 72..<75
      case .reportedOnly: 75..<77
      }
    }
  }

  /// Every upgrade of the fleet on `night`, by the status it is reported under, each status's
  /// pages in order.
  public func upgradeReports(night: Int = 0) -> [(status: String, pages: [UpgradeReportPage])] {
    // Upgrades are dated from the first night, so each keeps its id and dates from night to night.
    let day = CivilCalendar.floorDays(milliseconds: Self.epoch)
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
      // Each 50,000 devices of a line get upgrades of their own: a large fleet has hundreds.
      let line =
        "\(device.make) \(device.model)"
        + (slot < Self.devicesPerRollout ? "" : " #\(slot / Self.devicesPerRollout)")
      switch kind {
      case .succeeded:
        guard device.previousFirmware != nil else { continue }
        add(
          "wave \(line)", status: "Finished", to: device.firmware, device: device, start: -20, end: -13,
          entry: "UpgradeSuccess")
      case .inFlight:
        // Moves on night by night: pending, queued, installing; it succeeds on the night the device
        // list shows the device on the new firmware, and some fail after a few nights of trying.
        let first = night == 0 ? device : self.device(at: slot, night: 0, withJSON: false)
        guard let next = first.nextFirmware else { continue }
        let stage = random.below(3) + night
        let (entry, reason): (String, String?) =
          device.firmware == next
          ? ("UpgradeSuccess", nil)
          : stage >= 4 && random.below(8) == 0
            ? ("UpgradeFailed", Self.failureReasons[random.below(Self.failureReasons.count)])
            : (["Request Pending", "Queued", "InProgress"][min(stage, 2)], nil)
        add(
          "in flight \(line)", status: "InProgress", to: next, device: first, start: -2, end: 5, entry: entry,
          reason: reason)
      case .stalled:
        // Only some lines have an upgrade stuck in the queue.
        guard let next = device.nextFirmware, line.utf8.reduce(0, { $0 + Int($1) }) % 4 == 0 else { continue }
        add(
          "stalled \(line)", status: "Queued", to: next, device: device, start: -9, end: -2, entry: "Queued")
      case .failedTwice:
        guard let next = device.nextFirmware else { continue }
        add(
          "first wave \(line)", status: "UpgradeFailed", to: next, device: device, start: -45, end: -38,
          entry: "UpgradeFailed", reason: "Device unreachable")
        add(
          "wave \(line)", status: "Finished", to: next, device: device, start: -20, end: -13,
          entry: "Upgrade Failed", reason: "Battery too low to install")
      case .failedOnce:
        guard let next = device.nextFirmware else { continue }
        add(
          "wave \(line)", status: "Finished", to: next, device: device, start: -20, end: -13,
          entry: "UpgradeFailed", reason: "Download interrupted")
      case .reportedOnly:
        guard let next = device.nextFirmware else { continue }
        add(
          "wave \(line)", status: "Finished", to: next, device: device, start: -20, end: -13,
          entry: "UpgradeSuccess")
      }
    }
    // An upgrade whose every device has succeeded or failed has finished; one where every device
    // failed has failed.
    for (id, upgrade) in drafts where upgrade.status != "Queued" {
      let statuses = upgrade.deviceList.map { $0.status.replacingOccurrences(of: " ", with: "") }
      if statuses.allSatisfy({ $0 == "UpgradeFailed" }) {
        drafts[id]?.status = "UpgradeFailed"
      } else if statuses.allSatisfy({ $0 == "UpgradeSuccess" || $0 == "UpgradeFailed" }) {
        drafts[id]?.status = "Finished"
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

  /// Devices of a line that share one set of upgrades.
  static let devicesPerRollout = 50_000

  /// Why an upgrade failed on a device, as ThingSpace words it.
  static let failureReasons = [
    "Device unreachable", "Download interrupted", "Battery too low to install", "Insufficient storage",
  ]

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

import ThingSpaceAPI

/// What happened to the upgrades already scheduled, as ThingSpace reported them tonight: each
/// upgrade once, with its devices counted by outcome.
public struct CampaignOutcomes: Sendable {
  /// One upgrade and its devices' outcomes.
  public struct Outcome: Sendable {
    public var upgrade: FirmwareUpgrade
    /// The upgrade's status, read.
    public var status: UpgradeStatus
    /// Its device entries by outcome.
    public var devices: [UpgradeStatus.DeviceOutcome: Int]

    /// Every device entry.
    public var deviceCount: Int { upgrade.deviceList.count }
  }

  /// Every upgrade seen tonight, by `startDate`, then id.
  public let outcomes: [Outcome]
  /// Statuses this version does not know, upgrade and device entries alike, with how often each
  /// was seen.
  public let unknownStatuses: [String: Int]

  /// Reads the pages of every status, in the order they were collected (the statuses in the
  /// order of an upgrade's life, each status's pages in order). An upgrade seen under two
  /// statuses (it moved while being read) counts once, in its later state.
  public init(pages: [UpgradeReportPage]) {
    var latest: [String: (order: Int, status: UpgradeStatus, upgrade: FirmwareUpgrade)] = [:]
    var order = 0
    for page in pages {
      for upgrade in page.reportList {
        order += 1
        let status = UpgradeStatus(reported: upgrade.status)
        if let seen = latest[upgrade.id], seen.status.stage > status.stage { continue }
        latest[upgrade.id] = (latest[upgrade.id]?.order ?? order, status, upgrade)
      }
    }
    var unknown: [String: Int] = [:]
    outcomes = latest.values.sorted {
      ($0.upgrade.startDate, $0.upgrade.id) < ($1.upgrade.startDate, $1.upgrade.id)
    }
    .map { seen in
      if case .unknown(let text) = seen.status { unknown[text, default: 0] += 1 }
      var devices: [UpgradeStatus.DeviceOutcome: Int] = [:]
      for entry in seen.upgrade.deviceList {
        let status = UpgradeStatus(reported: entry.status)
        if case .unknown(let text) = status { unknown[text, default: 0] += 1 }
        devices[status.deviceOutcome, default: 0] += 1
      }
      return Outcome(upgrade: seen.upgrade, status: seen.status, devices: devices)
    }
    unknownStatuses = unknown
  }
}

import FOTAModel
import ThingSpaceAPI

/// What happened to the upgrades already scheduled, as ThingSpace reported them tonight: each
/// upgrade once, with its devices counted by outcome, and each device's entries in them, oldest
/// first, for planning.
///
/// Bad entries cost themselves, never the night, each counted in ``diagnostics``: an upgrade
/// without an id or with a missing or unreadable date is skipped; a device listed twice in one
/// upgrade keeps its first entry; an unknown status is kept as text (a device entry with one
/// counts as `other`) but is never planned on.
public struct CampaignOutcomes: Sendable, Equatable {
  /// One upgrade and its devices' outcomes.
  public struct Outcome: Sendable, Equatable {
    /// The upgrade, its device list without repeated devices.
    public var upgrade: FirmwareUpgrade
    /// The upgrade's status, read.
    public var status: UpgradeStatus
    /// Its device entries by outcome.
    public var devices: [UpgradeStatus.DeviceOutcome: Int]
    /// Its device entries' statuses, read, in the order of `upgrade.deviceList`.
    public var deviceStatuses: [UpgradeStatus]
    /// Days since 1970 of `startDate`, and of `endDate` when given.
    public var startDay: Int64
    public var endDay: Int64?

    /// Every device entry.
    public var deviceCount: Int { upgrade.deviceList.count }
    /// Entries of devices that finished: succeeded or failed.
    public var settled: Int { (devices[.succeeded] ?? 0) + (devices[.failed] ?? 0) }
    /// Entries still to act on: pending or in progress.
    public var open: Int { (devices[.pending] ?? 0) + (devices[.inProgress] ?? 0) }
  }

  /// One device's entry in one upgrade.
  public struct Entry: Sendable, Equatable {
    /// Index into ``outcomes``.
    public var outcome: Int
    /// Index into that upgrade's device list.
    public var position: Int
  }

  /// Every upgrade seen tonight, by `startDate`, then id.
  public let outcomes: [Outcome]
  /// Statuses this version does not know, upgrade and device entries alike, with how often each
  /// was seen.
  public let unknownStatuses: [String: Int]
  /// The entries that cost themselves or were kept with a problem.
  public let diagnostics: Diagnostics
  /// Each device named in a planned-on entry (a known status of an upgrade of a known status),
  /// by IMEI: its index into ``lastUpgrades`` and its range of ``entries``.
  public let devices: [String: Int]
  /// Each device's latest planned-on entry, by the device's index.
  public let lastUpgrades: [LastUpgrade]
  private let entries: [Entry]
  private let starts: [Int]

  /// Reads the pages of every status, in the order they were collected (the statuses in the
  /// order of an upgrade's life, each status's pages in order). An upgrade seen under two
  /// statuses (it moved while being read) counts once, in its later state.
  public init(pages: [UpgradeReportPage]) {
    var diagnostics = Diagnostics()
    var latest: [String: (order: Int, page: Int, status: UpgradeStatus, upgrade: FirmwareUpgrade)] = [:]
    var order = 0
    for (number, page) in zip(1..., pages) {
      for upgrade in page.reportList {
        order += 1
        guard Self.readable(upgrade, page: number, diagnostics: &diagnostics) else { continue }
        let status = UpgradeStatus(reported: upgrade.status)
        if let seen = latest[upgrade.id], seen.status.stage > status.stage { continue }
        latest[upgrade.id] = (latest[upgrade.id]?.order ?? order, number, status, upgrade)
      }
    }
    var unknown: [String: Int] = [:]
    let read = latest.values.sorted {
      ($0.upgrade.startDate, $0.upgrade.id) < ($1.upgrade.startDate, $1.upgrade.id)
    }
    var outcomes: [Outcome] = []
    outcomes.reserveCapacity(read.count)
    for seen in read {
      if case .unknown(let text) = seen.status {
        unknown[text, default: 0] += 1
        diagnostics.record(
          .unknownUpgradeStatus, field: "status", page: seen.page, deviceId: seen.upgrade.id, value: text)
      }
      var upgrade = seen.upgrade
      var listed: Set<String> = []
      var kept: [FirmwareUpgrade.DeviceEntry] = []
      var statuses: [UpgradeStatus] = []
      var devices: [UpgradeStatus.DeviceOutcome: Int] = [:]
      for entry in seen.upgrade.deviceList {
        guard !entry.deviceId.isEmpty else {
          diagnostics.record(
            .unreadableUpgrade, field: "deviceList.deviceId", page: seen.page, deviceId: seen.upgrade.id)
          continue
        }
        guard listed.insert(entry.deviceId).inserted else {
          diagnostics.record(
            .duplicateUpgradeDevice, field: "deviceList.deviceId", page: seen.page, deviceId: entry.deviceId,
            value: seen.upgrade.id)
          continue
        }
        let status = UpgradeStatus(reported: entry.status)
        if case .unknown(let text) = status {
          unknown[text, default: 0] += 1
          diagnostics.record(
            .unknownUpgradeStatus, field: "deviceList.status", page: seen.page, deviceId: entry.deviceId,
            value: text)
        }
        kept.append(entry)
        statuses.append(status)
        devices[status.deviceOutcome, default: 0] += 1
      }
      upgrade.deviceList = kept
      outcomes.append(
        Outcome(
          upgrade: upgrade, status: seen.status, devices: devices, deviceStatuses: statuses,
          startDay: Self.day(upgrade.startDate) ?? 0, endDay: upgrade.endDate.flatMap(Self.day)))
    }
    // Each device's entries, oldest first: by start date, then the order the API gave.
    let orders = read.map(\.order)
    var byDevice: [String: [Entry]] = [:]
    for (index, outcome) in outcomes.enumerated() where !outcome.status.isUnknown {
      for (position, entry) in outcome.upgrade.deviceList.enumerated()
      where !outcome.deviceStatuses[position].isUnknown {
        byDevice[entry.deviceId, default: []].append(Entry(outcome: index, position: position))
      }
    }
    var deviceIndex: [String: Int] = [:]
    var lastUpgrades: [LastUpgrade] = []
    var entries: [Entry] = []
    var starts: [Int] = []
    for deviceId in byDevice.keys.sorted(by: DeviceID.precedes) {
      let mine = byDevice[deviceId]!.sorted {
        (outcomes[$0.outcome].startDay, orders[$0.outcome]) < (
          outcomes[$1.outcome].startDay, orders[$1.outcome]
        )
      }
      deviceIndex[deviceId] = starts.count
      starts.append(entries.count)
      entries += mine
      let last = mine.last!
      let outcome = outcomes[last.outcome]
      let entry = outcome.upgrade.deviceList[last.position]
      lastUpgrades.append(
        LastUpgrade(
          upgradeId: outcome.upgrade.id, firmwareTo: outcome.upgrade.firmwareTo,
          upgradeStatus: outcome.status.name,
          deviceStatus: entry.status, reason: entry.resultReason ?? "",
          succeeded: outcome.deviceStatuses[last.position] == .upgradeSuccess))
    }
    starts.append(entries.count)
    self.outcomes = outcomes
    self.unknownStatuses = unknown
    self.diagnostics = diagnostics
    self.devices = deviceIndex
    self.lastUpgrades = lastUpgrades
    self.entries = entries
    self.starts = starts
  }

  /// The planned-on entries of the device at `index` (of ``devices``), oldest first.
  public func entries(ofDevice index: Int) -> ArraySlice<Entry> {
    entries[starts[index]..<starts[index + 1]]
  }

  /// The status of `entry`'s device in its upgrade.
  public func status(of entry: Entry) -> UpgradeStatus {
    outcomes[entry.outcome].deviceStatuses[entry.position]
  }

  /// Whether the device at `index` is held by an upgrade that may still act on it: the upgrade
  /// pending, queued or in progress, the device not yet succeeded or failed in it.
  public func isInCampaign(device index: Int) -> Bool {
    entries(ofDevice: index).contains { entry in
      let device = status(of: entry)
      return outcomes[entry.outcome].status.isOpen && device != .upgradeSuccess && device != .upgradeFailed
    }
  }

  /// Whether the device at `index`'s last `limit` entries in upgrades to `firmwareTo` all failed.
  public func hasFailed(device index: Int, toward firmwareTo: String, times limit: Int) -> Bool {
    guard limit > 0 else { return false }
    let toward = entries(ofDevice: index).filter { outcomes[$0.outcome].upgrade.firmwareTo == firmwareTo }
    return toward.count >= limit && toward.suffix(limit).allSatisfy { status(of: $0) == .upgradeFailed }
  }

  /// Whether an upgrade can be read: it has an id, a `startDate` and, when it has one, an
  /// `endDate`, both `YYYY-MM-DD`; records why not.
  private static func readable(_ upgrade: FirmwareUpgrade, page: Int, diagnostics: inout Diagnostics) -> Bool
  {
    let problem: (field: String, value: String)? =
      upgrade.id.isEmpty
      ? ("id", "")
      : day(upgrade.startDate) == nil
        ? ("startDate", upgrade.startDate)
        : upgrade.endDate.map { day($0) == nil && !$0.isEmpty } == true
          ? ("endDate", upgrade.endDate ?? "") : nil
    guard let problem else { return true }
    diagnostics.record(
      .unreadableUpgrade, field: problem.field, page: page, deviceId: upgrade.id, value: problem.value)
    return false
  }

  /// Days since 1970 of a `YYYY-MM-DD` date; `nil` for anything else.
  static func day(_ text: String) -> Int64? {
    guard text.utf8.count == 10, let milliseconds = CivilCalendar.milliseconds(iso8601: text) else {
      return nil
    }
    return CivilCalendar.floorDays(milliseconds: milliseconds)
  }
}

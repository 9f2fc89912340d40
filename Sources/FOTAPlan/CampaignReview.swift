import FOTAModel
import Foundation
import ThingSpaceAPI

/// The report's campaigns section, worked out once for every format: the upgrades in flight and
/// recently finished, success by model and by hop, the most common failure reasons, stalled
/// upgrades, data-quality findings, and the upgrades whose failure rate calls for an alert.
public struct CampaignReview: Sendable {
  /// One upgrade as the section shows it.
  public struct Upgrade: Sendable {
    public var outcome: CampaignOutcomes.Outcome
    /// The version it moves from, when the firmware list names its image.
    public var fromFirmware: String?
    /// Entries that succeeded or failed since last night's record, when there is one.
    public var movedSinceLastNight: Int?
    /// Succeeded of its devices.
    public var success: Percentage { Percentage(outcome.devices[.succeeded] ?? 0, of: outcome.deviceCount) }
    /// Failed of its devices.
    public var failure: Percentage { Percentage(failed, of: outcome.deviceCount) }
    /// Past its `endDate` with devices still pending or in progress.
    public var isStalled = false
    /// In flight or finished lately, and failing past the alert threshold: one of ``alerts``.
    public var isAlerted = false

    /// The upgrade's id.
    public var id: String { outcome.upgrade.id }
    /// The image it installs.
    public var firmwareName: String { outcome.upgrade.firmwareName }
    /// The version it moves to.
    public var firmwareTo: String { outcome.upgrade.firmwareTo }
    public var startDate: String { outcome.upgrade.startDate }
    public var endDate: String? { outcome.upgrade.endDate }
    /// Its devices whose upgrade failed.
    public var failed: Int { outcome.devices[.failed] ?? 0 }
  }

  /// Entries by outcome of one group (a model, or a hop).
  public struct Tally: Sendable, Equatable {
    public var succeeded = 0
    public var failed = 0
    public var other = 0
    public var entries: Int { succeeded + failed + other }
    /// Succeeded of the entries that finished.
    public var success: Percentage { Percentage(succeeded, of: succeeded + failed) }

    mutating func add(_ outcome: UpgradeStatus.DeviceOutcome, _ count: Int) {
      switch outcome {
      case .succeeded: succeeded += count
      case .failed: failed += count
      default: other += count
      }
    }
  }

  /// Upgrades pending, queued or in progress, by start date.
  public var inFlight: [Upgrade] = []
  /// Upgrades that ended within the last `days` days (by `endDate`, else `startDate`), by start date.
  public var finished: [Upgrade] = []
  /// How many days back ``finished`` reaches.
  public var days: Int
  /// Per model, its devices' entries in every upgrade reported, most entries first.
  public var byModel: [(model: ModelKey, tally: Tally)] = []
  /// Per hop (from → to version), most entries first.
  public var byHop: [(from: String, to: String, tally: Tally)] = []
  /// The most common failure reasons (at most ten), with how many failed entries gave each.
  public var failureReasons: [(reason: String, count: Int)] = []
  /// In-flight upgrades past their `endDate` with devices still pending or in progress.
  public var stalled: [Upgrade] { inFlight.filter(\.isStalled) }
  /// Upgrades in flight or recently finished whose failure rate passes the alert threshold.
  public var alerts: [Upgrade] = []
  /// The alert threshold, in percent.
  public var alertFailureRate: Double
  /// Devices ThingSpace reports upgraded whose firmware tonight is not the upgrade's `firmwareTo`.
  public var firmwareMismatches = 0
  /// Devices the upgrade reports name that are not in tonight's device list.
  public var devicesNotInAccount = 0
  /// Upgrade and device entries with a status this version does not know.
  public var unknownStatuses = 0
  /// Entries that succeeded or failed since last night, over every upgrade; `nil` without a
  /// record of last night's upgrades.
  public var movedSinceLastNight: Int?
  /// Every upgrade reported.
  public var upgrades = 0

  /// Reviews the upgrade reports planning read, as of `asOf` (milliseconds since 1970), against
  /// last night's totals when the history has them.
  public init?(planning: PlanningResult, asOf: Int64, before: [String: UpgradeTotals]?) {
    guard let outcomes = planning.outcomes else { return nil }
    let options = planning.options
    days = options.campaignDays
    alertFailureRate = options.alertFailureRate
    let today = CivilCalendar.floorDays(milliseconds: asOf)
    upgrades = outcomes.outcomes.count
    unknownStatuses = outcomes.unknownStatuses.values.reduce(0, +)
    var hops: [String: [String: Tally]] = [:]
    var reasons: [String: Int] = [:]
    var moved: Int?
    for outcome in outcomes.outcomes where !outcome.status.isUnknown {
      var upgrade = Upgrade(outcome: outcome, fromFirmware: planning.hopStarts[outcome.upgrade.firmwareName])
      if let before {
        let tonight = outcome.settled
        upgrade.movedSinceLastNight = max(0, tonight - (before[outcome.upgrade.id]?.settled ?? 0))
        moved = (moved ?? 0) + upgrade.movedSinceLastNight!
      }
      for (position, entry) in outcome.upgrade.deviceList.enumerated()
      where outcome.deviceStatuses[position] == .upgradeFailed {
        let reason = (entry.resultReason ?? "").trimmingCharacters(in: .whitespaces)
        reasons[reason.isEmpty ? "(no reason given)" : reason, default: 0] += 1
      }
      var tally =
        hops[upgrade.fromFirmware ?? "(unknown)", default: [:]][outcome.upgrade.firmwareTo] ?? Tally()
      for (kind, count) in outcome.devices { tally.add(kind, count) }
      hops[upgrade.fromFirmware ?? "(unknown)", default: [:]][outcome.upgrade.firmwareTo] = tally
      if outcome.status.isOpen {
        upgrade.isStalled = (outcome.endDay.map { $0 < today } ?? false) && outcome.open > 0
        inFlight.append(upgrade)
      } else if (outcome.endDay ?? outcome.startDay) >= today - Int64(days) {
        finished.append(upgrade)
      }
    }
    movedSinceLastNight = moved
    // One rule for the alert, marked on each upgrade so every format reads the same flag.
    func alerting(_ upgrade: inout Upgrade) {
      upgrade.isAlerted = upgrade.failed > 0 && upgrade.failure.value > alertFailureRate
    }
    for index in inFlight.indices { alerting(&inFlight[index]) }
    for index in finished.indices { alerting(&finished[index]) }
    alerts = (inFlight + finished).filter(\.isAlerted)
    byHop = hops.flatMap { from, tos in tos.map { (from: from, to: $0.key, tally: $0.value) } }
      .sorted { ($1.tally.entries, $0.from, $0.to) < ($0.tally.entries, $1.from, $1.to) }
    failureReasons = reasons.map { (reason: $0.key, count: $0.value) }
      .sorted { ($1.count, $0.reason) < ($0.count, $1.reason) }
      .prefix(10).map { $0 }
    if let plan = planning.plan {
      firmwareMismatches = plan.firmwareMismatches
      devicesNotInAccount = plan.devicesNotInAccount.count
      byModel = plan.campaignOutcomesByModel.map { model, counts in
        var tally = Tally()
        for (kind, count) in counts { tally.add(kind, count) }
        return (model: model, tally: tally)
      }
      .sorted { ($1.tally.entries, $0.model) < ($0.tally.entries, $1.model) }
    }
  }
}

import FOTAModel
import FOTAPlan
import Foundation
import ThingSpaceAPI

/// Writes `run.json`: the run's metadata for cron wrappers, dashboards and the next night.
public struct RunRecordFile: ReportOutput {
  public var name: String { "run.json" }

  /// Creates the output.
  public init() {}

  /// The document, as written.
  public struct Record: Codable, Equatable {
    public var tool = "fota-report"
    public var formatVersion = 1
    public var account: String
    public var asOf: String
    public var source: String
    public var clientTypeFilter: String?
    public var pages: Int
    public var records: Int
    public var devices: Int
    public var duplicates: Int
    public var skipped: Int
    public var filteredOut: Int
    public var readiness: [String: Int]
    public var upgradeStates: [String: Int]
    public var diagnostics: [String: Int]
    public var diagnosticsTotal: Int
    public var durations: Durations
    public var files: [String]
    /// Requests, retries by cause and re-authentications, when the pages came over HTTP.
    public var http: HTTPFigures?
    /// How the pages were walked over HTTP: sequentially (and why), or in ranges, with each
    /// range's bounds and requests and every change of how many requests went at once.
    public var collection: CollectionLayout?
    /// What changed since the previous run, when history is kept.
    public var changes: Changes?
    /// Adoption of each model's newest firmware, when history is kept.
    public var trends: [Trend]?
    /// Upgrade planning, when asked for.
    public var plan: Plan?
    /// What happened to the upgrades already scheduled, when the upgrade reports were read.
    public var campaigns: Campaigns? = nil
    /// The history's id for this night, when it was recorded.
    public var historyRunId: Int64?
    /// Why the history asked for could not be used tonight.
    public var historyProblem: String?
  }

  /// Upgrade planning figures.
  public struct Plan: Codable, Equatable {
    /// What planning data is missing.
    public var missing: [String]
    public var funnel: Funnel? = nil
    public var statuses: [String: Int]? = nil
    public var cohorts: [PlanCohort]? = nil
    public var licensesTotal: Int? = nil
    public var licensesAssigned: Int? = nil
    public var licensesAvailable: Int? = nil
    public var devicesNeedingLicense: Int? = nil
    public var licensesHeldByIneligible: Int? = nil
  }

  /// The upgrades ThingSpace reported tonight, as the campaigns section counts them.
  public struct Campaigns: Codable, Equatable {
    public var upgrades: Int
    public var inFlight: Int
    public var stalled: Int
    /// Finished within `--campaign-days`.
    public var finished: Int
    /// Upgrades whose failure rate passes `--alert-failure-rate`.
    public var alerts: Int
    /// Device entries that succeeded or failed since last night, when the history knows.
    public var movedSinceLastNight: Int?
    public var firmwareMismatches: Int
    public var devicesNotInAccount: Int
    public var unknownStatuses: Int

    init(_ review: CampaignReview) {
      upgrades = review.upgrades
      inFlight = review.inFlight.count
      stalled = review.stalled.count
      finished = review.finished.count
      alerts = review.alerts.count
      movedSinceLastNight = review.movedSinceLastNight
      firmwareMismatches = review.firmwareMismatches
      devicesNotInAccount = review.devicesNotInAccount
      unknownStatuses = review.unknownStatuses
    }
  }

  /// Ready devices taking one upgrade.
  public struct PlanCohort: Codable, Equatable {
    public var make: String
    public var model: String
    public var firmwareName: String
    public var firmwareTo: String
    public var devices: Int
  }

  /// One model's adoption figures.
  public struct Trend: Codable, Equatable {
    public var make: String
    public var model: String
    public var newestFirmware: String
    public var sharePercent: Double
    public var upgradesPerDay: Double
    /// The night the target share is reached at this pace, `reached`, or `not at this pace`.
    public var projection: String
  }

  /// The delta against the previous run.
  public struct Changes: Codable, Equatable {
    /// The previous run's night, or `nil` on the first run.
    public var previousNight: String?
    public var added: Int
    public var removed: Int
    public var changedDevices: Int
    public var firmwareChanges: Int
    public var upgrades: Int
    public var eligibilityGained: Int
    public var eligibilityLost: Int
    public var licenseGained: Int
    public var licenseLost: Int

    init(_ delta: FleetDelta) {
      previousNight = delta.previousNight
      added = delta.added
      removed = delta.removed
      changedDevices = delta.changedDevices
      firmwareChanges = delta.firmwareTransitions.values.reduce(0, +)
      upgrades = delta.upgrades
      eligibilityGained = delta.eligibilityGained
      eligibilityLost = delta.eligibilityLost
      licenseGained = delta.licenseGained
      licenseLost = delta.licenseLost
    }
  }

  /// Timing figures: the only values that differ between two runs over the same pages.
  public struct Durations: Codable, Equatable {
    public var collectSeconds: Double
    public var renderSeconds: Double
  }

  static func trends(_ trends: FleetTrends) -> [Trend] {
    trends.models.map { model in
      let share = model.newestShare(nights: trends.nights).last ?? nil
      return Trend(
        make: model.model.make, model: model.model.model, newestFirmware: model.newestFirmware,
        sharePercent: share.map { ($0 * 10).rounded() / 10 } ?? 0,
        upgradesPerDay: (model.upgradesPerDay * 10).rounded() / 10, projection: model.projection.text)
    }
  }

  static func plan(_ planning: PlanningResult) -> Plan {
    var record = Plan(missing: planning.missing)
    guard let plan = planning.plan else { return record }
    record.funnel = plan.funnel
    var statuses: [String: Int] = [:]
    for status in PlanStatus.allCases { statuses[status.rawValue] = plan.statusCounts[status] ?? 0 }
    record.statuses = statuses
    record.cohorts = plan.sortedCohorts.map { cohort, devices in
      PlanCohort(
        make: cohort.model.make, model: cohort.model.model, firmwareName: cohort.firmwareName,
        firmwareTo: cohort.firmwareTo, devices: devices.count)
    }
    record.licensesTotal = plan.licenses?.totalLicenses
    record.licensesAssigned = plan.licenses?.assignedLicenses
    record.licensesAvailable = plan.licenses?.available
    record.devicesNeedingLicense = plan.needLicense
    record.licensesHeldByIneligible = plan.licensedIneligible
    return record
  }

  public func complete(_ report: ReportModel, into folder: ReportFolder) throws {
    let totals = report.summary.totals
    var diagnostics: [String: Int] = [:]
    for entry in report.diagnostics.sortedEntries {
      diagnostics[entry.key.kind.rawValue, default: 0] += entry.count
    }
    let record = Record(
      account: report.figures.account,
      asOf: CivilCalendar.iso8601(milliseconds: report.figures.asOf),
      source: report.figures.source,
      clientTypeFilter: report.figures.clientTypeFilter,
      pages: report.figures.pages,
      records: report.figures.records,
      devices: totals.devices,
      duplicates: report.summary.duplicates,
      skipped: report.figures.skipped,
      filteredOut: report.figures.filteredOut,
      readiness: [
        Readiness.ready.rawValue: totals.ready, Readiness.needsLicense.rawValue: totals.needsLicense,
        Readiness.ineligible.rawValue: totals.ineligible,
      ],
      upgradeStates: [
        UpgradeState.upgraded.rawValue: totals.upgraded,
        UpgradeState.never.rawValue: totals.neverUpgraded,
        UpgradeState.unknown.rawValue: totals.unknownUpgrade,
        UpgradeState.invalid.rawValue: totals.invalidUpgrade,
      ],
      diagnostics: diagnostics,
      diagnosticsTotal: report.diagnostics.totalCount,
      durations: Durations(
        collectSeconds: Figures.roundedSeconds(report.figures.collectSeconds),
        renderSeconds: Figures.roundedSeconds(report.figures.renderSeconds)),
      files: (folder.files + ["run.json"]).sorted(),
      http: report.figures.http,
      collection: report.figures.collection,
      changes: report.delta.map(Changes.init),
      trends: report.trends.map(Self.trends),
      plan: report.planning.map(Self.plan), campaigns: report.campaigns.map(Campaigns.init),
      historyRunId: report.figures.historyRunId, historyProblem: report.historyProblem)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(record)
    try folder.write("run.json", contents: String(decoding: data, as: UTF8.self) + "\n")
  }
}

import FOTAModel
import FOTAPlan
import Testing
import ThingSpaceAPI

/// The plan statuses the upgrade reports add, against a night worked out by hand.
@Suite("planning with the upgrade reports")
struct CampaignPlanningTests {
  static let firmware = [
    FirmwareEntry(
      firmwareName: "to-2.0", launchDate: "2026-01-01", model: "M", make: "Acme", fromVersion: "1.0",
      toVersion: "2.0"),
    FirmwareEntry(
      firmwareName: "to-3.0", launchDate: "2026-02-01", model: "M", make: "Acme", fromVersion: "2.0",
      toVersion: "3.0"),
  ]

  static func device(_ id: String, _ firmware: String = "1.0", eligible: Bool = true) -> Device {
    Device(
      deviceId: id, make: "Acme", model: "M", firmware: firmware, status: "Active", fotaEligible: eligible,
      licenseAssigned: true)
  }

  static func upgrade(
    _ id: String, _ status: String, to: String = "2.0", start: String, end: String? = nil,
    _ devices: [(String, String, String?)]
  ) -> FirmwareUpgrade {
    FirmwareUpgrade(
      id: id, accountName: "a", firmwareName: "to-\(to)", firmwareTo: to, startDate: start, endDate: end,
      status: status, deviceList: devices.map { .init(deviceId: $0.0, status: $0.1, resultReason: $0.2) })
  }

  static func page(_ upgrades: FirmwareUpgrade...) -> UpgradeReportPage {
    UpgradeReportPage(hasMoreFlag: false, lastSeenUpgradeId: nil, reportList: upgrades)
  }

  /// The night: pages in the order the statuses are read (pending, queued, in progress, finished,
  /// failed), one upgrade ("u3") moving from queued to finished while they are read.
  static let pages = [
    page(upgrade("u3", "Queued", start: "2026-10-03", [("104", "Queued", nil)])),
    page(
      upgrade(
        "u1", "InProgress", start: "2026-10-01", end: "2026-10-08",
        [
          ("100", "InProgress", nil), ("100", "UpgradeSuccess", nil),
          ("101", "Upgrade Failed", "battery low"),
          ("106", "Sideways", nil), ("107", "Queued", nil), ("999", "Queued", nil),
        ])),
    page(
      upgrade("u2", "Finished", start: "2026-10-05", [("102", "UpgradeSuccess", nil)]),
      upgrade("u3", "Finished", start: "2026-10-03", [("104", "UpgradeSuccess", nil)]),
      upgrade("u4", "Paused", start: "2026-10-06", [("105", "Queued", nil)]),
      upgrade("u5", "Finished", start: "2026-13-01", [("100", "UpgradeSuccess", nil)])),
    page(
      upgrade(
        "u0", "UpgradeFailed", start: "2026-09-01",
        [
          ("101", "UpgradeFailed", "unreachable"), ("102", "UpgradeFailed", "unreachable"),
          ("103", "UpgradeFailed", nil),
        ]
      )),
  ]

  static let devices = [
    device("100"), device("101"), device("102"), device("103"), device("104", "2.0"), device("105"),
    device("106"),
    device("107", eligible: false), device("108"),
  ]

  @Test(
    "in flight, failing twice, failing then succeeding, moved mid-night and unknown statuses plan as worked out by hand"
  )
  func oracle() {
    let outcomes = CampaignOutcomes(pages: Self.pages)
    let planner = UpgradePlanner(firmware: Self.firmware, campaigns: outcomes, failuresToHold: 2)
    let statuses = Dictionary(
      uniqueKeysWithValues: Self.devices.map { ($0.deviceId, planner.plan($0).status) })
    let expected: [String: PlanStatus] = [
      "100": .inCampaign,  // u1 is in progress and so is the device in it (its second listing is dropped)
      "101": .failing,  // u0 and u1 toward 2.0 both failed on it
      "102": .ready,  // failed in u0, then succeeded in u2: its last two did not both fail
      "103": .ready,  // failed once only
      "104": .ready,  // u3 was queued, then finished while read: taken finished, toward 2.0 (it is on 2.0)
      "105": .ready,  // u4's status is unknown: never planned on
      "106": .ready,  // its status in u1 is unknown: never planned on
      "107": .ineligible,  // in u1, but only `ready` is replaced
      "108": .ready,  // in no upgrade
    ]
    #expect(statuses == expected)

    let last = planner.plan(Self.devices[1]).lastUpgrade
    #expect(last?.upgradeId == "u1")
    #expect(last?.deviceStatus == "Upgrade Failed")
    #expect(last?.reason == "battery low")
    #expect(planner.plan(Self.devices[8]).lastUpgrade == nil)

    let strict = UpgradePlanner(firmware: Self.firmware, campaigns: outcomes, failuresToHold: 1)
    #expect(strict.plan(Self.devices[3]).status == .failing)
    #expect(strict.plan(Self.devices[2]).status == .ready)
    let retrying = UpgradePlanner(
      firmware: Self.firmware, campaigns: outcomes,
      failuresToHold: PlanOptions(retryFailed: true).failuresToHold)
    #expect(retrying.plan(Self.devices[1]).status == .ready)
  }

  @Test(
    "bad entries cost themselves, counted: a repeated device, an unreadable date, unknown statuses, a stranger"
  )
  func badEntries() {
    let outcomes = CampaignOutcomes(pages: Self.pages)
    #expect(outcomes.outcomes.map(\.upgrade.id) == ["u0", "u1", "u3", "u2", "u4"])
    #expect(outcomes.diagnostics.count(of: .duplicateUpgradeDevice) == 1)
    #expect(outcomes.diagnostics.count(of: .unreadableUpgrade) == 1)
    #expect(outcomes.diagnostics.count(of: .unknownUpgradeStatus) == 2)
    #expect(outcomes.unknownStatuses == ["Paused": 1, "Sideways": 1])
    let u1 = outcomes.outcomes[1]
    #expect(u1.deviceCount == 5)
    #expect(u1.devices == [.inProgress: 1, .failed: 1, .other: 1, .pending: 2])

    let planner = UpgradePlanner(firmware: Self.firmware, campaigns: outcomes)
    var plan = UpgradePlan(licenses: nil, campaigns: outcomes)
    for device in Self.devices { plan.add(device, plan: planner.plan(device)) }
    #expect(plan.devicesNotInAccount == ["999"])
    // 102 is reported upgraded to 2.0 by u2 but is on 1.0 tonight.
    #expect(plan.firmwareMismatches == 1)
    #expect(plan.funnel.inCampaign == 1)
    #expect(plan.funnel.failing == 1)
    #expect(plan.funnel.ready == plan.statusCounts[.ready])
    #expect(plan.cohorts.values.reduce(0) { $0 + $1.count } == plan.statusCounts[.ready])
  }

  @Test(
    "the review: in flight and stalled, finished in the window, success by hop, failure reasons, devices moved"
  )
  func review() {
    let outcomes = CampaignOutcomes(pages: Self.pages)
    let planner = UpgradePlanner(firmware: Self.firmware, campaigns: outcomes)
    var plan = UpgradePlan(licenses: nil, campaigns: outcomes)
    for device in Self.devices { plan.add(device, plan: planner.plan(device)) }
    let planning = PlanningResult(
      campaigns: CampaignPlanner(
        account: "a", phases: [100], maxDevicesPerRequest: 10, windowStart: 0, windowDays: 7),
      plan: plan, tables: PlanTables(paths: planner.paths), missing: [], outcomes: outcomes,
      options: PlanOptions(campaignDays: 30, alertFailureRate: 10), hopStarts: planner.hopStarts)
    let asOf = CivilCalendar.days(year: 2026, month: 10, day: 20) * CivilCalendar.millisecondsPerDay
    let before = [
      "u1": UpgradeTotals(
        upgradeId: "u1", status: "InProgress", devices: 5, succeeded: 0, failed: 0, inProgress: 1, pending: 2,
        other: 2)
    ]
    let review = CampaignReview(planning: planning, asOf: asOf, before: before)!
    #expect(review.inFlight.map(\.id) == ["u1"])
    #expect(review.stalled.map(\.id) == ["u1"])  // ended 2026-10-08 with devices still waiting
    // u0 started 2026-09-01 with no end date: outside the 30 days; u4's status is unknown.
    #expect(review.finished.map(\.id) == ["u3", "u2"])
    #expect(review.alerts.map(\.id) == ["u1"])  // 1 of 5 failed: 20%
    #expect(review.failureReasons.map(\.reason) == ["unreachable", "(no reason given)", "battery low"])
    #expect(review.byHop.first?.from == "1.0")
    // u1's failure, u2, u3, and u0 (not recorded last night).
    #expect(review.movedSinceLastNight == 1 + 1 + 1 + 3)
    #expect(review.devicesNotInAccount == 1)
    #expect(review.firmwareMismatches == 1)
  }
}

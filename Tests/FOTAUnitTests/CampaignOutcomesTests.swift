import FOTAPlan
import Foundation
import Testing
import ThingSpaceAPI

@Suite("upgrade reports: statuses and outcomes")
struct CampaignOutcomesTests {
  @Test(
    "statuses are read ignoring case, spaces and underscores; unknown ones keep their text",
    arguments: [
      ("RequestPending", UpgradeStatus.requestPending), ("Request Pending", .requestPending),
      ("REQUEST_PENDING", .requestPending), (" queued ", .queued), ("In Progress", .inProgress),
      ("upgradesuccess", .upgradeSuccess), ("Upgrade_Failed", .upgradeFailed), ("Finished", .finished),
      ("RequestFailed", .requestFailed), ("Cancelled", .unknown("Cancelled")), ("", .unknown("")),
    ])
  func reading(text: String, status: UpgradeStatus) {
    #expect(UpgradeStatus(reported: text) == status)
  }

  @Test("a device entry counts as succeeded, failed, in progress, pending or other")
  func deviceOutcomes() {
    #expect(UpgradeStatus.upgradeSuccess.deviceOutcome == .succeeded)
    #expect(UpgradeStatus.upgradeFailed.deviceOutcome == .failed)
    #expect(UpgradeStatus.inProgress.deviceOutcome == .inProgress)
    #expect(UpgradeStatus.requestPending.deviceOutcome == .pending)
    #expect(UpgradeStatus.queued.deviceOutcome == .pending)
    #expect(UpgradeStatus.finished.deviceOutcome == .other)
    #expect(UpgradeStatus.unknown("Cancelled").deviceOutcome == .other)
    let open = [UpgradeStatus.requestPending, .queued, .inProgress].map(\.isOpen)
    let ended = [UpgradeStatus.finished, .requestFailed, .upgradeFailed, .unknown("x")].map(\.isOpen)
    #expect(open == [true, true, true])
    #expect(ended == [false, false, false, false])
  }

  @Test("a page decodes with either reason name, text flags and numeric ids; its cursor says where next")
  func decoding() throws {
    let body = Data(
      #"""
      {"hasMoreFlag": "true", "lastSeenUpgradeId": 17, "reportList": [
        {"id": "u-1", "accountName": "0242078698-00001", "firmwareName": "FW A", "firmwareTo": "2.0",
         "startDate": "2026-10-01", "status": "InProgress", "deviceList": [
           {"deviceId": "990000000000001", "status": "UpgradeFailed", "resultReason": "battery low"},
           {"deviceId": 990000000000002, "status": "Upgrade Failed", "reason": "no signal"},
           {"deviceId": "990000000000003", "status": "Request Pending"}]}]}
      """#.utf8)
    let page = try JSONDecoder().decode(UpgradeReportPage.self, from: body)
    #expect(page.nextStartIndex == "17")
    let upgrade = try #require(page.reportList.first)
    #expect(upgrade.endDate == nil)
    #expect(upgrade.deviceList.map(\.deviceId) == ["990000000000001", "990000000000002", "990000000000003"])
    #expect(upgrade.deviceList.map(\.resultReason) == ["battery low", "no signal", nil])

    let last = try JSONDecoder().decode(
      UpgradeReportPage.self,
      from: Data(#"{"hasMoreFlag": false, "lastSeenUpgradeId": 18, "reportList": []}"#.utf8))
    #expect(last.nextStartIndex == nil)
    let stuck = try JSONDecoder().decode(
      UpgradeReportPage.self,
      from: Data(#"{"hasMoreFlag": true, "lastSeenUpgradeId": 0, "reportList": []}"#.utf8))
    #expect(stuck.nextStartIndex == nil)
    // A body without reportList is not an upgrade-report page.
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(UpgradeReportPage.self, from: Data(#"{"hasMoreFlag": false}"#.utf8))
    }
  }

  static func upgrade(_ id: String, _ status: String, start: String, devices: [(String, String)])
    -> FirmwareUpgrade
  {
    FirmwareUpgrade(
      id: id, accountName: "a", firmwareName: "FW", firmwareTo: "2.0", startDate: start, endDate: nil,
      status: status, deviceList: devices.map { .init(deviceId: $0.0, status: $0.1) })
  }

  @Test("an upgrade seen under two statuses counts once, in its later state; outcomes sort by start, then id")
  func outcomes() {
    let moving = Self.upgrade("b", "Queued", start: "2026-10-02", devices: [("1", "Queued")])
    let moved = Self.upgrade(
      "b", "InProgress", start: "2026-10-02",
      devices: [("1", "UpgradeSuccess"), ("2", "InProgress"), ("3", "Sideways")])
    let early = Self.upgrade("z", "Finished", start: "2026-09-30", devices: [("4", "UpgradeFailed")])
    let sameDay = Self.upgrade("a", "Mystery", start: "2026-10-02", devices: [])
    // Read in the order of an upgrade's life; "b" is in progress by the time that status is read.
    let outcomes = CampaignOutcomes(pages: [
      UpgradeReportPage(hasMoreFlag: false, lastSeenUpgradeId: nil, reportList: [moving]),
      UpgradeReportPage(hasMoreFlag: false, lastSeenUpgradeId: nil, reportList: [moved]),
      UpgradeReportPage(hasMoreFlag: false, lastSeenUpgradeId: nil, reportList: [early, sameDay]),
    ])
    #expect(outcomes.outcomes.map(\.upgrade.id) == ["z", "a", "b"])
    let b = outcomes.outcomes[2]
    #expect(b.status == .inProgress)
    #expect(b.deviceCount == 3)
    #expect(b.devices == [.succeeded: 1, .inProgress: 1, .other: 1])
    #expect(outcomes.outcomes[0].devices == [.failed: 1])
    #expect(outcomes.unknownStatuses == ["Sideways": 1, "Mystery": 1])

    // Seen in a later state first (pages read out of order) and an earlier one after: the later stays.
    let reversed = CampaignOutcomes(pages: [
      UpgradeReportPage(hasMoreFlag: false, lastSeenUpgradeId: nil, reportList: [moved]),
      UpgradeReportPage(hasMoreFlag: false, lastSeenUpgradeId: nil, reportList: [moving]),
    ])
    #expect(reversed.outcomes.map(\.status) == [.inProgress])
  }
}

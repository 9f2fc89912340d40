import CSV
import FOTACollect
import FOTAFleet
import FOTAJob
import FOTAModel
import FOTANightDevices
import FOTANormalise
import FOTAPlan
import FOTARender
import FOTATestSupport
import Foundation
import Testing
import ThingSpaceAPI

@Suite("upgrade planning")
struct PlanTests {
  @Test("campaign files decode as the API's request, and the totals add up")
  func campaignFiles() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var configuration = fixture.configuration(.demo(seed: 8, devices: 3_000))
    configuration.plan = PlanOptions(phases: [1, 10, 50, 100], maxDevicesPerRequest: 50, windowDays: 5)
    let outcome = try await fixture.run(configuration)
    let index = try CSVReader(string: fixture.text("campaigns/index.csv"), hasHeaderRow: true)
    var listed: [String] = []
    var rows = 0
    while let row = index.next() {
      rows += 1
      let url = fixture.output.appendingPathComponent("campaigns").appendingPathComponent(row[0])
      let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
      #expect(
        Set(object.keys) == [
          "accountName", "firmwareName", "firmwareTo", "startDate", "endDate", "deviceList",
        ])
      let body = try JSONDecoder().decode(UpgradeRequest.self, from: Data(contentsOf: url))
      #expect(body.accountName == SyntheticFleet.defaultAccount)
      #expect(body.deviceList.count == Int(row[8]))
      #expect(body.deviceList.count <= 50)
      #expect(body.startDate == row[9] && body.endDate == row[10])
      #expect(
        UpgradeTimeParser.instant(body.endDate)! - UpgradeTimeParser.instant(body.startDate)! == 4
          * 86_400_000)
      listed += body.deviceList
    }
    #expect(rows > 0)
    // Every ready device is in exactly one request; no other device is.
    let plan = try CSVReader(string: fixture.text("upgrade-plan.csv"), hasHeaderRow: true)
    var ready: [String] = []
    var statuses: [String: Int] = [:]
    while let row = plan.next() {
      statuses[row[5], default: 0] += 1
      if row[5] == "ready" { ready.append(row[0]) }
    }
    #expect(Set(listed) == Set(ready))
    #expect(listed.count == ready.count)
    // No device that is not active is in a campaign; every one with a path is planned inactive.
    let devices = try CSVFile.read(fixture.text("devices.csv"))
    let inactive = Set(devices.rows.filter { !["", "active"].contains($0[6].lowercased()) }.map { $0[0] })
    #expect(!inactive.isEmpty)
    #expect(Set(listed).isDisjoint(with: inactive))
    #expect(Set(statuses.keys) == Set(PlanStatus.allCases.map(\.rawValue)))
    #expect(statuses.values.reduce(0, +) == outcome.summary.totals.devices)

    // License arithmetic, against the files.
    let record = try fixture.planFromRunJSON()
    let pool = try #require(record["licensesTotal"] as? Int)
    let assigned = try #require(record["licensesAssigned"] as? Int)
    #expect(record["licensesAvailable"] as? Int == pool - assigned)
    #expect(record["devicesNeedingLicense"] as? Int == statuses["needs-license"])
    let reclaim = try CSVFile.read(fixture.text("license-reclaim.csv"))
    #expect(reclaim.rows.count == devices.rows.filter { $0[7] == "false" && $0[8] == "true" }.count)
    #expect(record["licensesHeldByIneligible"] as? Int == reclaim.rows.count)
  }

  @Test("saved pages without planning files: the report says planning data is missing")
  func missingPlanningData() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let pages = try fixture.writePages(SyntheticFleet(seed: 2, deviceCount: 500).pages().map(\.body))
    var configuration = fixture.configuration(.pages(directory: pages))
    configuration.plan = PlanOptions()
    try await fixture.run(configuration)
    #expect(
      !FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("upgrade-plan.csv").path))
    let html = try fixture.text("report.html")
    #expect(html.contains("Planning data is missing"))
    #expect(html.contains("no firmware.json beside the pages"))
    #expect(try fixture.text("report.xml").contains("<plan complete=\"false\">"))
  }

  @Test("a saved night replays with its planning files to the same plan")
  func replayWithPlanning() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var demo = fixture.configuration(.demo(seed: 6, devices: 1_500))
    demo.plan = PlanOptions()
    demo.savePages = fixture.directory.path("saved")
    try await fixture.run(demo)
    let first = try fixture.text("upgrade-plan.csv")
    let firstIndex = try fixture.text("campaigns/index.csv")
    var replay = fixture.configuration(.pages(directory: fixture.directory.path("saved")))
    replay.plan = PlanOptions()
    try await fixture.run(replay)
    #expect(try fixture.text("upgrade-plan.csv") == first)
    #expect(try fixture.text("campaigns/index.csv") == firstIndex)
  }
}

extension JobFixture {
  /// The `plan` object of the published `run.json`.
  func planFromRunJSON() throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text("run.json").utf8)) as! [String: Any]
    return object["plan"] as! [String: Any]
  }
}

import FOTACollect
import FOTAJob
import FOTAPlan
import FOTARender
import FOTATestSupport
import Foundation
import Testing

@Suite("campaign outcomes")
struct CampaignOutcomeTests {
  @Test("campaign-outcomes.csv counts every device entry of campaign-devices.csv once, by outcome")
  func outcomeFiles() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var demo = fixture.configuration(.demo(seed: 9, devices: 4_000))
    demo.plan = PlanOptions()
    try await fixture.run(demo)
    let outcomes = try CSVFile.read(fixture.text("campaign-outcomes.csv"))
    let devices = try CSVFile.read(fixture.text("campaign-devices.csv"))
    #expect(outcomes.header == CampaignOutcomeFiles.outcomeColumns)
    #expect(devices.header == CampaignOutcomeFiles.deviceColumns)
    #expect(!outcomes.rows.isEmpty)
    // Sorted by start date, then id; every upgrade once.
    let keys = outcomes.rows.map { ($0[4], $0[0]) }
    #expect(keys.map(\.0) == keys.sorted { $0 < $1 }.map(\.0))
    #expect(Set(outcomes.rows.map { $0[0] }).count == outcomes.rows.count)
    for row in outcomes.rows {
      let entries = devices.rows.filter { $0[1] == row[0] }
      #expect(Int(row[6]) == entries.count)
      #expect(row[7...11].compactMap { Int($0) }.reduce(0, +) == entries.count)
      #expect(Int(row[7]) == entries.filter { $0[2] == "UpgradeSuccess" }.count)
      #expect(Int(row[8]) == entries.filter { UpgradeStatus(reported: $0[2]) == .upgradeFailed }.count)
    }
    // Every outcome column has devices on the demo, and no phone number is listed.
    for column in 7...10 { #expect(outcomes.rows.contains { Int($0[column])! > 0 }, "column \(column)") }
    #expect(devices.rows.allSatisfy { $0.count == 4 && $0[0].count == 15 })
  }

  @Test(
    "the demo holds devices back in-campaign and failing, never in a campaign file, each with its last upgrade"
  )
  func heldBack() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var demo = fixture.configuration(.demo(seed: 9, devices: 4_000))
    demo.plan = PlanOptions()
    try await fixture.run(demo)
    let plan = try CSVFile.read(fixture.text("upgrade-plan.csv"))
    #expect(plan.header == PlanFiles.planColumns)
    let column = Dictionary(uniqueKeysWithValues: plan.header.enumerated().map { ($1, $0) })
    let entries = try CSVFile.read(fixture.text("campaign-devices.csv")).rows
    let held = plan.rows.filter { ["in-campaign", "failing"].contains($0[column["plan"]!]) }
    #expect(held.contains { $0[column["plan"]!] == "in-campaign" })
    #expect(held.contains { $0[column["plan"]!] == "failing" })
    for row in held {
      // Its last upgrade is one ThingSpace listed it in, with the status and reason given there.
      let last = [
        row[column["lastUpgradeId"]!], row[column["lastUpgradeStatus"]!], row[column["lastUpgradeReason"]!],
      ]
      #expect(entries.contains { [$0[1], $0[2], $0[3]] == last && $0[0] == row[0] }, "\(row)")
    }
    // Nothing held back is in a request file; every ready device is.
    var scheduled: Set<String> = []
    let index = try CSVFile.read(fixture.text("campaigns/index.csv"))
    for file in index.rows.map({ $0[0] }) {
      let body =
        try JSONSerialization.jsonObject(with: Data(fixture.text("campaigns/" + file).utf8)) as? [String: Any]
      scheduled.formUnion(body?["deviceList"] as? [String] ?? [])
    }
    #expect(scheduled.isDisjoint(with: held.map { $0[0] }))
    #expect(scheduled == Set(plan.rows.filter { $0[column["plan"]!] == "ready" }.map { $0[0] }))
    // The report's campaigns section is there out of the box.
    let html = try fixture.text("report.html")
    #expect(html.contains(#"<section id="campaigns">"#))
    #expect(html.contains("In flight"))

    // With --retry-failed the failing devices are planned again.
    var retrying = demo
    retrying.plan = PlanOptions(retryFailed: true)
    try await fixture.run(retrying)
    let replanned = try CSVFile.read(fixture.text("upgrade-plan.csv"))
    #expect(!replanned.rows.contains { $0[column["plan"]!] == "failing" })
  }

  @Test("a saved night replays its upgrade reports; one saved without them says campaign data is missing")
  func replay() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let saved = fixture.directory.path("saved")
    var demo = fixture.configuration(.demo(seed: 9, devices: 2_000))
    demo.plan = PlanOptions()
    demo.savePages = saved
    try await fixture.run(demo)
    let outcomes = try fixture.text("campaign-outcomes.csv")
    let devices = try fixture.text("campaign-devices.csv")

    var replay = fixture.configuration(.pages(directory: saved))
    replay.plan = PlanOptions()
    try await fixture.run(replay)
    #expect(try fixture.text("campaign-outcomes.csv") == outcomes)
    #expect(try fixture.text("campaign-devices.csv") == devices)

    try FileManager.default.removeItem(at: saved.appendingPathComponent("upgrades"))
    try await fixture.run(replay)
    #expect(
      !FileManager.default.fileExists(
        atPath: fixture.output.appendingPathComponent("campaign-outcomes.csv").path))
    #expect(try fixture.text("report.html").contains("campaign data missing"))
    // The plan is made as before, from the firmware list and license pool.
    #expect(
      FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("upgrade-plan.csv").path))
    #expect(!(try fixture.text("upgrade-plan.csv")).contains(",in-campaign,"))
  }

  @Test("--no-campaigns plans without reading the upgrade reports")
  func noCampaigns() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var demo = fixture.configuration(.demo(seed: 9, devices: 1_000))
    demo.plan = PlanOptions(campaignOutcomes: false)
    try await fixture.run(demo)
    #expect(
      !FileManager.default.fileExists(
        atPath: fixture.output.appendingPathComponent("campaign-outcomes.csv").path))
    #expect(!(try fixture.text("report.html")).contains("campaign data missing"))
  }
}

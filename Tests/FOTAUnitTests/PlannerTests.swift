import FOTAModel
import FOTAPlan
import FOTARender
import Foundation
import PropertyBased
import Testing
import ThingSpaceAPI

@Suite("upgrade planner")
struct PlannerTests {
  static func entry(
    _ from: String, _ to: String, name: String? = nil, launch: String = "2026-01-01", model: String = "M"
  )
    -> FirmwareEntry
  {
    FirmwareEntry(
      firmwareName: name ?? "to-\(to)", launchDate: launch, model: model, make: "Acme", fromVersion: from,
      toVersion: to)
  }

  static func device(
    _ firmware: String, eligible: Bool = true, licensed: Bool = true, model: String = "M", status: String = ""
  )
    -> Device
  {
    Device(
      deviceId: "1", make: "Acme", model: model, firmware: firmware, status: status, fotaEligible: eligible,
      licenseAssigned: licensed)
  }

  @Test(
    "a device that is not active is planned inactive, keeps its path, and leaves the funnel at its first step"
  )
  func inactive() {
    let planner = UpgradePlanner(firmware: [Self.entry("1.0", "2.0")])
    let path = FirmwarePath(nextFirmware: "2.0", firmwareName: "to-2.0", newestFirmware: "2.0", hops: 1)
    for status in ["Deactive", "Suspended", "Pending Resume", "suspended"] {
      for (eligible, licensed) in [(true, true), (true, false), (false, true)] {
        let plan = planner.plan(Self.device("1.0", eligible: eligible, licensed: licensed, status: status))
        #expect(plan.status == .inactive, "\(status) \(eligible) \(licensed)")
        #expect(plan.path == path)
      }
      #expect(planner.plan(Self.device("2.0", status: status)).status == .upToDate)
      #expect(planner.plan(Self.device("0.9", status: status)).status == .noUpgradePath)
    }
    for status in ["", "Active", "ACTIVE", " active "] {
      #expect(planner.plan(Self.device("1.0", status: status)).status == .ready, "\(status)")
    }
    let lenient = UpgradePlanner(
      firmware: [Self.entry("1.0", "2.0")], campaignStatuses: CampaignStatuses(["Active", "pending resume"]))
    #expect(lenient.plan(Self.device("1.0", status: "Pending Resume")).status == .ready)
    #expect(lenient.plan(Self.device("1.0", status: "Suspended")).status == .inactive)

    var plan = UpgradePlan(licenses: nil)
    for status in ["Active", "Suspended", ""] {
      let device = Self.device("1.0", status: status)
      plan.add(device, plan: planner.plan(device))
    }
    #expect(plan.funnel.total == 3)
    #expect(plan.funnel.active == 2)
    #expect(plan.funnel.ready == 2)
    #expect(plan.statusCounts[.inactive] == 1)
    #expect(plan.cohorts.values.map(\.count).reduce(0, +) == 2)
  }

  @Test("every plan status")
  func statuses() {
    let planner = UpgradePlanner(firmware: [Self.entry("1.0", "2.0")])
    #expect(planner.plan(Self.device("2.0")).status == .upToDate)
    #expect(planner.plan(Self.device("0.9")).status == .noUpgradePath)
    #expect(planner.plan(Self.device("1.0", model: "Other")).status == .noUpgradePath)
    #expect(planner.plan(Self.device("1.0", eligible: false)).status == .ineligible)
    #expect(planner.plan(Self.device("1.0", licensed: false)).status == .needsLicense)
    let ready = planner.plan(Self.device("1.0"))
    #expect(ready.status == .ready)
    #expect(
      ready.path == FirmwarePath(nextFirmware: "2.0", firmwareName: "to-2.0", newestFirmware: "2.0", hops: 1))
  }

  @Test("a multi-hop chain: the next hop, the newest version and the hops")
  func chain() {
    let planner = UpgradePlanner(firmware: [
      Self.entry("c", "d"), Self.entry("a", "b"), Self.entry("b", "c"),
    ])
    #expect(
      planner.plan(Self.device("a")).path
        == FirmwarePath(nextFirmware: "b", firmwareName: "to-b", newestFirmware: "d", hops: 3))
    #expect(planner.plan(Self.device("c")).path?.hops == 1)
    #expect(planner.plan(Self.device("d")).status == .upToDate)
  }

  @Test("a fork takes the first step of the shortest way to the farthest newest version")
  func fork() {
    // a → b (a dead end), a → c → d: the newest is d, two hops away, through c.
    let planner = UpgradePlanner(firmware: [Self.entry("a", "b"), Self.entry("a", "c"), Self.entry("c", "d")])
    #expect(
      planner.plan(Self.device("a")).path
        == FirmwarePath(nextFirmware: "c", firmwareName: "to-c", newestFirmware: "d", hops: 2))
    // A skip-ahead path is shorter: a → b → c and a → c: c in one hop.
    let skip = UpgradePlanner(firmware: [
      Self.entry("a", "b"), Self.entry("b", "c"), Self.entry("a", "c", name: "direct"),
    ])
    #expect(
      skip.plan(Self.device("a")).path
        == FirmwarePath(nextFirmware: "c", firmwareName: "direct", newestFirmware: "c", hops: 1))
  }

  @Test("a cycle ends the search instead of hanging")
  func cycle() {
    let planner = UpgradePlanner(firmware: [Self.entry("a", "b"), Self.entry("b", "c"), Self.entry("c", "a")])
    // Every version has a way on; the newest is the farthest reachable one.
    #expect(
      planner.plan(Self.device("a")).path
        == FirmwarePath(nextFirmware: "b", firmwareName: "to-b", newestFirmware: "c", hops: 2))
    let tail = UpgradePlanner(firmware: [Self.entry("a", "b"), Self.entry("b", "a"), Self.entry("b", "z")])
    #expect(tail.plan(Self.device("a")).path?.newestFirmware == "z")
  }

  @Test("phases cover each cohort exactly once, canary first")
  func phases() async {
    let sizes = Gen.int(in: 1...5_000)
    let cuts = Gen.int(in: 1...99).array(of: 0...4)
    await propertyCheck(input: sizes, cuts, Gen.int(in: 1...1_500)) { size, cuts, perRequest in
      let phases = Array(Set(cuts)).sorted() + [100]
      let campaigns = CampaignPlanner(
        account: "A", phases: phases, maxDevicesPerRequest: perRequest, windowStart: 20_000, windowDays: 3)
      var plan = UpgradePlan(licenses: nil)
      let ids = (0..<size).map { String(900_000_000_000_000 + $0) }
      let cohort = Cohort(model: ModelKey(make: "Acme", model: "M"), firmwareName: "fw", firmwareTo: "2")
      plan.cohorts[cohort] = ids
      let requests = campaigns.requests(for: plan)
      let listed = requests.flatMap(\.body.deviceList)
      #expect(listed == ids)
      #expect(requests.first?.phase == 1)
      #expect(requests.allSatisfy { $0.body.deviceList.count <= perRequest && !$0.body.deviceList.isEmpty })
      #expect(Set(requests.map(\.file)).count == requests.count)
    }
  }

  @Test("campaign file names start with a letter or a digit, so index.csv holds them as they are")
  func campaignFileNames() {
    let campaigns = CampaignPlanner(
      account: "A", phases: [100], maxDevicesPerRequest: 10, windowStart: 20_000, windowDays: 1)
    var plan = UpgradePlan(licenses: nil)
    for make in ["-evil", "=cmd()", "@x", "..", "", "+1", " ", "東京"] {
      plan.cohorts[Cohort(model: ModelKey(make: make, model: "M"), firmwareName: "fw", firmwareTo: "2")] = [
        "1"
      ]
    }
    let files = campaigns.requests(for: plan).map { String($0.file.dropFirst("campaigns/".count)) }
    #expect(files.count == 8)
    #expect(Set(files).count == 8)
    for file in files {
      #expect(file.first?.isLetter == true || file.first?.isNumber == true, "\(file)")
      #expect(CSVRow.encodeCell(file) == file)
    }
  }

  @Test("license counts of any size are clamped, so headroom arithmetic never overflows")
  func licenseCounts() throws {
    let body =
      #"{"accountName":"A","totalLicenses":9223372036854775807,"assignedLicenses":-9223372036854775808}"#
    let pool = try JSONDecoder().decode(LicenseSummary.self, from: Data(body.utf8))
    #expect(pool.totalLicenses == LicenseSummary.maximumCount)
    #expect(pool.assignedLicenses == 0)
    #expect(pool.available == LicenseSummary.maximumCount)
    var plan = UpgradePlan(licenses: pool)
    plan.statusCounts[.needsLicense] = 5
    #expect(plan.headroomAfterNeeds == LicenseSummary.maximumCount - 5)
    let huge = #"{"totalLicenses":1e300,"assignedLicenses":"12"}"#
    let clamped = try JSONDecoder().decode(LicenseSummary.self, from: Data(huge.utf8))
    #expect(clamped.totalLicenses == LicenseSummary.maximumCount && clamped.assignedLicenses == 12)
    #expect(throws: (any Error).self) {
      try JSONDecoder().decode(
        LicenseSummary.self, from: Data(#"{"totalLicenses":"lots","assignedLicenses":1}"#.utf8))
    }
  }
}

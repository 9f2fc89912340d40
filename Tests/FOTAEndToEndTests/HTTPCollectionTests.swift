import FOTACollect
import FOTAFleet
import FOTAJob
import FOTAModel
import FOTAPlan
import FOTARender
import FOTASimulator
import FOTATestSupport
import Foundation
import Testing
import ThingSpaceAPI

/// Collection over real HTTP on 127.0.0.1 against the simulator, faults included.
@Suite("collection over HTTP")
struct HTTPCollectionTests {
  static let fleet = SyntheticFleet(seed: 11, deviceCount: 3_500)
  static let csvFiles = [
    "devices.csv", "by-model-firmware.csv", "by-model.csv", "by-firmware.csv", "readiness.csv",
    "upgrade-age.csv",
  ]
  /// What one run against the simulator produced.
  struct Run: Sendable {
    var outcome: RunOutcome?
    var error: CollectionError?
    var csv: [String: Data]
    var statistics: SimulatorStatistics
  }

  /// Runs the job against a simulator configured by `configure`.
  static func run(
    _ configure: (inout SimulatorConfiguration) -> Void = { _ in },
    credentials: ThingSpaceCredentials = SimulatorLauncher.demoLogin, clientType: ClientType? = nil,
    account: String = fleet.account, maxAttempts: Int = 5, timeout: Duration = .seconds(20),
    plan: Bool = false, into fixture: JobFixture
  ) async throws -> Run {
    var simulator = SimulatorConfiguration(fleet: fleet)
    simulator.retryAfterSeconds = 0
    configure(&simulator)
    return try await SimulatorLauncher.withSimulator(simulator) { simulator, url in
      var configuration = fixture.configuration(
        .api(baseURL: url, account: account, credentials: credentials))
      configuration.clientType = clientType
      configuration.formats = [.csv, .xml]
      if plan { configuration.plan = PlanOptions() }
      configuration.retryPolicy = RetryPolicy(
        maxAttempts: maxAttempts, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5),
        timeout: timeout)
      var run = Run(csv: [:], statistics: SimulatorStatistics())
      do {
        run.outcome = try await fixture.run(configuration)
        for name in csvFiles
          + (plan ? ["upgrade-plan.csv", "campaigns/index.csv", "campaign-outcomes.csv"] : [])
        {
          run.csv[name] = try Data(contentsOf: fixture.output.appendingPathComponent(name))
        }
      } catch let error as CollectionError {
        run.error = error
      }
      run.statistics = await simulator.statistics()
      return run
    }
  }

  /// A clean run's CSV files, the reference every faulty run must match.
  static func cleanReports() async throws -> [String: Data] {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let clean = try await run(into: fixture)
    #expect(clean.outcome?.figures.http?.totalRetries == 0)
    return clean.csv
  }

  enum Fault: String, CaseIterable, Sendable {
    case serverErrors, rateLimits, droppedBodies, renamedDeviceList, bearerExpiry, sessionExpiry, allAtOnce

    func apply(_ configuration: inout SimulatorConfiguration) {
      switch self {
      case .serverErrors: configuration.failEvery = 2
      case .rateLimits: configuration.rateLimitEvery = 2
      case .droppedBodies: configuration.dropEvery = 2
      case .renamedDeviceList: configuration.renameDeviceListEvery = 2
      case .bearerExpiry: configuration.tokenTTL = 2
      case .sessionExpiry: configuration.sessionTTL = 3
      case .allAtOnce:
        configuration.failEvery = 3
        configuration.rateLimitEvery = 5
        configuration.dropEvery = 7
        configuration.tokenTTL = 2
        configuration.sessionTTL = 3
      }
    }
  }

  @Test("every fault is survived and ends in the clean run's reports", arguments: Fault.allCases)
  func survivesFault(fault: Fault) async throws {
    let clean = try await Self.cleanReports()
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let run = try await Self.run(fault.apply, into: fixture)
    #expect(run.error == nil, "\(run.error?.errorDescription ?? "")")
    #expect(run.csv == clean)
    guard let http = run.outcome?.figures.http else {
      Issue.record("no HTTP figures")
      return
    }
    #expect(http.requests == run.statistics.deviceListRequests)
    #expect(run.statistics.planningRequests == 0)
    switch fault {
    case .serverErrors:
      #expect(http.retries["server-error", default: 0] == run.statistics.faults["server-error"])
      #expect(http.totalRetries > 0)
    case .rateLimits:
      #expect(http.retries["rate-limited", default: 0] == run.statistics.faults["rate-limited"])
      #expect(http.totalRetries > 0)
    case .droppedBodies:
      #expect(run.statistics.faults["dropped", default: 0] > 0)
      #expect(http.totalRetries == run.statistics.faults["dropped"])
    case .renamedDeviceList:
      #expect(http.retries["invalid-body", default: 0] == run.statistics.faults["renamed-device-list"])
      #expect(http.totalRetries > 0)
    case .bearerExpiry:
      #expect(http.bearerRenewals > 0)
      #expect(http.bearerRenewals == run.statistics.faults["invalid-bearer"])
      #expect(run.statistics.tokenRequests == 1 + http.bearerRenewals)
    case .sessionExpiry:
      #expect(http.sessionRenewals > 0)
      #expect(run.statistics.sessionLogins == 1 + http.sessionRenewals)
    case .allAtOnce:
      #expect(http.totalRetries > 0 && http.bearerRenewals > 0 && http.sessionRenewals > 0)
    }
  }

  @Test("the firmware list, license pool and upgrade reports survive the same faults")
  func planningUnderFaults() async throws {
    let cleanFixture = try JobFixture()
    defer { cleanFixture.remove() }
    let clean = try await Self.run(plan: true, into: cleanFixture)
    // The firmware list, the license pool and every page of every status of the upgrade reports.
    let upgradeReportPages = Self.fleet.upgradeReports().reduce(0) { $0 + $1.pages.count }
    #expect(upgradeReportPages > ThingSpacePaths.upgradeStatuses.count)
    #expect(clean.statistics.planningRequests == 2 + upgradeReportPages)
    let fixture = try JobFixture()
    defer { fixture.remove() }
    // The planning requests are the first data requests: every second is cut off, and tokens and
    // sessions run out under them.
    let run = try await Self.run(
      {
        $0.dropEvery = 2
        $0.tokenTTL = 2
        $0.sessionTTL = 3
      }, plan: true, into: fixture)
    #expect(run.error == nil, "\(run.error?.errorDescription ?? "")")
    #expect(run.csv == clean.csv)
    #expect(run.statistics.planningRequests > 2 + upgradeReportPages)
  }

  @Test(
    "an upgrade-report page that is not JSON, lacks reportList, loops or is another account's fails the night",
    arguments: BrokenUpgradeReport.allCases)
  func brokenUpgradeReports(_ broken: BrokenUpgradeReport) async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let run = try await Self.run({ $0.brokenUpgradeReports = broken }, plan: true, into: fixture)
    let stopped = try #require(run.error, "the night was published")
    let text = stopped.errorDescription ?? ""
    #expect(text.contains("/api/fota/v1/reports/"), "\(text)")
    // It stopped before the first device page.
    guard case .stopped(0, 0, "0", let error) = stopped else {
      Issue.record("not stopped before the device list: \(text)")
      return
    }
    #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
    switch broken {
    case .repeatedCursor:
      #expect(text.contains("would loop"), "\(text)")
    case .notJSON, .noReportList, .otherAccount:
      // Retried like any unusable answer, then given up.
      guard case .gaveUp(_, let attempts, _) = error else {
        Issue.record("not given up after retries: \(text)")
        return
      }
      #expect(attempts == 5)
      if broken == .otherAccount { #expect(text.contains("another account"), "\(text)") }
    }
  }

  @Test("static tokens are used as they are, without logging in")
  func staticTokens() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let run = try await Self.run(
      { $0.presetTokens = ("preset-bearer-token", "preset-session-token") },
      credentials: .tokens(bearer: "preset-bearer-token", session: "preset-session-token"), into: fixture)
    #expect(run.error == nil)
    #expect(run.csv == (try await Self.cleanReports()))
    #expect(run.statistics.tokenRequests == 0)
    #expect(run.statistics.sessionLogins == 0)
  }

  @Test("expired static tokens cannot be renewed and fail the run with the gateway's message")
  func staticTokensExpire() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let run = try await Self.run(
      {
        $0.presetTokens = ("preset-bearer-token", "preset-session-token")
        $0.tokenTTL = 2
      }, credentials: .tokens(bearer: "preset-bearer-token", session: "preset-session-token"),
      // The token serves exactly two requests, so no request may be retried: one attempt each, with
      // room to spare. In the full suite hundreds of tests share two cores, and a page's body can
      // wait over 20 s for a thread to read it; that is the test process's load, not this test's.
      maxAttempts: 1, timeout: .seconds(180), into: fixture)
    guard case .stopped(let pages, _, _, .rejected(_, let detail))? = run.error else {
      Issue.record("expected a rejection, got \(String(describing: run.error))")
      return
    }
    #expect(pages == 2, "\(run.statistics)")
    #expect(detail.contains("900901: Invalid Credentials"))
    #expect(!detail.contains("preset-bearer-token"))
  }

  @Test("the clientType filter is sent to the API and matches filtering saved pages")
  func clientType() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let run = try await Self.run(clientType: .lwm2m, into: fixture)
    #expect(run.error == nil)
    let devices = try CSVFile.read(String(decoding: run.csv["devices.csv"]!, as: UTF8.self))
    #expect(!devices.rows.isEmpty)
    #expect(devices.rows.allSatisfy { $0[5] == "LWM2M" })

    // The same night from unfiltered pages, filtered on our side, gives the same devices.
    let pages = try fixture.writePages(Self.fleet.pages().map(\.body), folder: "unfiltered")
    var configuration = fixture.configuration(.pages(directory: pages))
    configuration.clientType = .lwm2m
    configuration.output = fixture.directory.path("from-pages")
    try await fixture.run(configuration)
    let fromPages = try Data(contentsOf: configuration.output.appendingPathComponent("devices.csv"))
    #expect(fromPages == run.csv["devices.csv"])
  }

  @Test("a cursor that does not advance is an error, not a loop")
  func stalledCursor() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let run = try await Self.run({ $0.stallCursorFrom = 2 }, into: fixture)
    guard case .stopped(let pages, let records, _, .cursorDidNotAdvance(let page, _, _))? = run.error else {
      Issue.record("expected a stalled cursor, got \(String(describing: run.error))")
      return
    }
    #expect(pages == 1)
    #expect(records == 1_000)
    #expect(page == 2)
    #expect(run.statistics.deviceListRequests == 2)
    #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
  }

  @Test("a request that keeps failing gives up after --max-attempts and publishes nothing")
  func givesUp() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    try await fixture.run(fixture.configuration(.demo(seed: 1, devices: 100)))
    let before = try FolderSnapshot.files(in: fixture.output)
    let run = try await Self.run({ $0.failEvery = 1 }, maxAttempts: 3, into: fixture)
    guard case .stopped(0, 0, "0", .gaveUp(_, 3, let detail))? = run.error else {
      Issue.record("expected to give up, got \(String(describing: run.error))")
      return
    }
    #expect(detail.contains("HTTP 500 INTERNAL_SERVER_ERROR"))
    #expect(run.statistics.deviceListRequests == 3)
    #expect(try FolderSnapshot.files(in: fixture.output) == before)
  }

  @Test("a 200 answer that is not a device-list page is retried, then fails the run with the reason")
  func notAPageOverHTTP() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let run = try await Self.run({ $0.renameDeviceListEvery = 1 }, maxAttempts: 3, into: fixture)
    guard case .stopped(0, 0, "0", .gaveUp(_, 3, let detail))? = run.error else {
      Issue.record("expected to give up, got \(String(describing: run.error))")
      return
    }
    #expect(detail == "deviceList is missing, not an array of devices")
    #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
  }

  @Test("Retry-After is read as seconds or as an HTTP date, and capped")
  func retryAfter() {
    let cap = Duration.seconds(120)
    #expect(RetryAfter.delay("7", cap: cap) == .seconds(7))
    let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
    #expect(RetryAfter.delay("Wed, 21 Oct 2015 07:28:30 GMT", cap: cap, now: now) == .seconds(30))
    #expect(RetryAfter.delay("9999", cap: cap) == cap)
    #expect(RetryAfter.delay("soon", cap: cap) == nil)
  }
}

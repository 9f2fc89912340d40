import FOTACollect
import FOTAFleet
import FOTAHistory
import FOTAJob
import FOTAModel
import FOTAPlan
import FOTARender
import FOTASimulator
import FOTATestSupport
import Foundation
import Testing
import ThingSpaceAPI

/// `--parallel`: the live device list walked in ranges split at last night's IMEIs, over real HTTP
/// against the simulator. Whatever the faults and the split points, the night must be exactly
/// the sequential walk's.
@Suite("parallel collection")
struct ParallelCollectionTests {
  /// 5,500 devices: split in four, the ranges end in the middle of pages.
  static let fleet = SyntheticFleet(seed: 11, deviceCount: 5_500)
  static let nightZero = JobFixture.asOf
  static let nightOne = JobFixture.asOf + CivilCalendar.millisecondsPerDay
  /// Every CSV of a night with history and planning.
  static let csvFiles = [
    "devices.csv", "by-model-firmware.csv", "by-model.csv", "by-firmware.csv", "readiness.csv",
    "upgrade-age.csv", "changes.csv", "trend.csv", "upgrade-plan.csv", "license-reclaim.csv",
  ]

  /// What one night against the simulator produced.
  struct Night: Sendable {
    var csv: [String: Data] = [:]
    var outcome: RunOutcome?
    var error: CollectionError?
    var statistics = SimulatorStatistics()
    var savedRanges: String?
  }

  /// A history holding the fleet's night 0, as the demo source records it.
  static func historyOfNightZero(in fixture: JobFixture) async throws -> URL {
    let history = fixture.directory.path("history.sqlite")
    var configuration = fixture.configuration(.demo(seed: fleet.seed, devices: fleet.deviceCount))
    configuration.history = history
    configuration.output = fixture.directory.path("night0")
    try await fixture.run(configuration)
    return history
  }

  /// Night 1 from the simulator with `parallel` ranges, on a copy of `history`.
  static func nightOne(
    parallel: Int, history: URL?, savePages: Bool = false, latencyMilliseconds: Int = 0,
    _ configure: @Sendable (inout SimulatorConfiguration) -> Void = { _ in }
  ) async throws -> Night {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var simulator = SimulatorConfiguration(fleet: fleet)
    simulator.night = 1
    simulator.retryAfterSeconds = 0
    simulator.latency = .milliseconds(latencyMilliseconds)
    configure(&simulator)
    let copy = fixture.directory.path("history.sqlite")
    if let history { try FileManager.default.copyItem(at: history, to: copy) }
    let saved = fixture.directory.path("saved")
    return try await SimulatorLauncher.withSimulator(simulator) { simulator, url in
      var configuration = fixture.configuration(
        .api(baseURL: url, account: fleet.account, credentials: SimulatorLauncher.demoLogin))
      configuration.asOf = nightOne
      configuration.history = history == nil ? nil : copy
      configuration.parallel = parallel
      configuration.plan = PlanOptions()
      configuration.formats = [.csv]
      configuration.savePages = savePages ? saved : nil
      configuration.retryPolicy = RetryPolicy(
        maxAttempts: 8, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5), timeout: .seconds(20))
      var night = Night()
      do {
        night.outcome = try await fixture.run(configuration)
        for name in csvFiles where history != nil || !["changes.csv", "trend.csv"].contains(name) {
          night.csv[name] = try Data(contentsOf: fixture.output.appendingPathComponent(name))
        }
        if savePages {
          night.savedRanges = try? String(
            contentsOf: saved.appendingPathComponent(SavedRanges.fileName), encoding: .utf8)
        }
      } catch let error as CollectionError {
        night.error = error
      }
      night.statistics = await simulator.statistics()
      return night
    }
  }

  /// The split candidates the job will use with `ranges` ranges.
  static func candidates(_ history: URL, ranges: Int) throws -> [[String]] {
    try HistoryStore(path: history.path).splitCandidates(
      account: fleet.account, clientTypeFilter: nil, ranges: ranges)
  }

  enum Fault: String, CaseIterable, Sendable {
    case none, serverErrors, rateLimits, droppedBodies, bearerExpiry, sessionExpiry, allAtOnce

    func apply(_ configuration: inout SimulatorConfiguration) {
      switch self {
      case .none: break
      case .serverErrors: configuration.failEvery = 2
      case .rateLimits: configuration.rateLimitEvery = 3
      case .droppedBodies: configuration.dropEvery = 2
      case .bearerExpiry: configuration.tokenTTL = 2
      case .sessionExpiry: configuration.sessionTTL = 3
      case .allAtOnce:
        configuration.failEvery = 3
        configuration.rateLimitEvery = 5
        configuration.dropEvery = 7
        configuration.tokenTTL = 4
        configuration.sessionTTL = 5
      }
    }
  }

  @Test("four ranges at once give the sequential walk's night, whatever the fault", arguments: Fault.allCases)
  func equalsSequential(fault: Fault) async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let history = try await Self.historyOfNightZero(in: fixture)
    let sequential = try await Self.nightOne(parallel: 1, history: history)
    let parallel = try await Self.nightOne(parallel: 4, history: history, fault.apply)
    #expect(sequential.error == nil && parallel.error == nil, "\(parallel.error?.errorDescription ?? "")")
    #expect(parallel.csv.count == Self.csvFiles.count)
    for name in Self.csvFiles { #expect(parallel.csv[name] == sequential.csv[name], "\(name)") }
    #expect(parallel.outcome?.summary.totals == sequential.outcome?.summary.totals)
    let layout = try #require(parallel.outcome?.figures.collection)
    #expect(layout.mode == "parallel")
    #expect(layout.ranges.count == 4)
    #expect(layout.ranges.map(\.records).reduce(0, +) == sequential.outcome?.figures.records)
    #expect(sequential.outcome?.figures.collection?.mode == "sequential")
    if fault == .none { #expect(parallel.statistics.faults.isEmpty) }
  }

  @Test("ranges end in the middle of pages; the saved night replays to the same reports")
  func midPageRangesReplay() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let history = try await Self.historyOfNightZero(in: fixture)
    let sequential = try await Self.nightOne(parallel: 1, history: history)
    let parallel = try await Self.nightOne(parallel: 4, history: history, savePages: true)
    for name in Self.csvFiles { #expect(parallel.csv[name] == sequential.csv[name], "\(name)") }
    let lines = try #require(parallel.savedRanges).split(separator: "\n")
    let segments = try lines.map { try JSONDecoder().decode(SavedLine.self, from: Data($0.utf8)).segment }
    // Ranges that stop short of their last page's end: the split IMEIs fall inside pages, and
    // the rest of those pages is the next range's.
    #expect(segments.filter { $0.through != nil && $0.to < 1_000 }.count == 3)
    #expect(Set(segments.map(\.range)) == [1, 2, 3, 4])
  }

  struct SavedLine: Decodable {
    var segment: PageSegment
  }

  @Test("a split IMEI that has left the account: a neighbour starts its range")
  func removedSplitIMEI() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let history = try await Self.historyOfNightZero(in: fixture)
    let gone = try Self.candidates(history, ranges: 4)[1][0]
    let sequential = try await Self.nightOne(parallel: 1, history: history) { $0.removedIMEIs = [gone] }
    let parallel = try await Self.nightOne(parallel: 4, history: history) { $0.removedIMEIs = [gone] }
    #expect(parallel.error == nil)
    for name in Self.csvFiles { #expect(parallel.csv[name] == sequential.csv[name], "\(name)") }
    let ranges = try #require(parallel.outcome?.figures.collection?.ranges)
    #expect(ranges.count == 4)
    #expect(ranges[2].refusedStarts == [gone])
    #expect(ranges[2].after != gone)
  }

  @Test("when every neighbour has left too, the range is merged into the one before")
  func mergedRange() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let history = try await Self.historyOfNightZero(in: fixture)
    let gone = Set(try Self.candidates(history, ranges: 4)[0])
    #expect(gone.count == 1 + 2 * HistoryStore.splitNeighbours)
    let sequential = try await Self.nightOne(parallel: 1, history: history) { $0.removedIMEIs = gone }
    let parallel = try await Self.nightOne(parallel: 4, history: history) { $0.removedIMEIs = gone }
    #expect(parallel.error == nil)
    for name in Self.csvFiles { #expect(parallel.csv[name] == sequential.csv[name], "\(name)") }
    let ranges = try #require(parallel.outcome?.figures.collection?.ranges)
    #expect(ranges.count == 3)
    #expect(ranges[0].through == ranges[1].after)
  }

  @Test("HTTP 429 halves the requests at once, never below one, for the rest of the night")
  func rateLimitedHalves() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let history = try await Self.historyOfNightZero(in: fixture)
    let sequential = try await Self.nightOne(parallel: 1, history: history)
    let parallel = try await Self.nightOne(parallel: 4, history: history) { $0.rateLimitEvery = 4 }
    for name in Self.csvFiles { #expect(parallel.csv[name] == sequential.csv[name], "\(name)") }
    let changes = try #require(parallel.outcome?.figures.collection?.concurrencyChanges)
    #expect(changes.map(\.from) == [4, 2])
    #expect(changes.map(\.to) == [2, 1])
    #expect(changes.allSatisfy { $0.reason == "rate-limited" })
  }

  @Test("never more device-list requests at once than --parallel")
  func concurrencyBound() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let history = try await Self.historyOfNightZero(in: fixture)
    let night = try await Self.nightOne(parallel: 3, history: history, latencyMilliseconds: 40)
    #expect(night.error == nil)
    #expect(night.statistics.mostDeviceListRequestsAtOnce <= 3)
    #expect(night.statistics.mostDeviceListRequestsAtOnce >= 2)
  }

  @Test(
    "a gateway that refuses every token it issues: each request renews once at most, then the night stops")
  func refusedFreshTokens() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let history = try await Self.historyOfNightZero(in: fixture)
    for parallel in [1, 4] {
      let night = try await Self.nightOne(parallel: parallel, history: history) { $0.tokenTTL = 0 }
      #expect(night.outcome == nil)
      #expect(
        night.error?.errorDescription?.contains("HTTP 401") == true, "\(night.error?.errorDescription ?? "")")
      // The login, then one renewal for each request at most: the device-list starts and the
      // two planning requests.
      #expect(night.statistics.tokenRequests <= 1 + parallel + 2, "--parallel \(parallel)")
    }
  }

  @Test("without history the walk is sequential, and the report says why")
  func sequentialWithoutHistory() async throws {
    let night = try await Self.nightOne(parallel: 4, history: nil)
    #expect(night.error == nil)
    let layout = try #require(night.outcome?.figures.collection)
    #expect(layout.mode == "sequential")
    #expect(layout.reason?.contains("no history") == true)
    #expect(night.statistics.mostDeviceListRequestsAtOnce == 1)
  }
}

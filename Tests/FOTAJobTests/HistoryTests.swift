import CSV
import FOTACollect
import FOTAFleet
import FOTAJob
import FOTAModel
import FOTANightDevices
import FOTAPublish
import FOTARender
import FOTATestSupport
import Foundation
import GRDB
import Testing

@testable import FOTAHistory

@Suite("night-to-night history")
struct HistoryTests {
  static let seed: UInt64 = 21
  static let devices = 4_000
  static let dayMs: Int64 = 86_400_000

  /// The fields of each device on one night, read straight from the fleet's page bodies.
  static func independentState(night: Int) throws -> [String: [String: String]] {
    var state: [String: [String: String]] = [:]
    for page in SyntheticFleet(seed: seed, deviceCount: devices).pages(night: night) {
      let object = try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as! [String: Any]
      for entry in object["deviceList"] as! [Any] {
        guard let record = entry as? [String: Any] else { continue }
        let id = IndependentCounts.text(record["deviceId"]).trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, state[id] == nil else { continue }
        state[id] = [
          "firmware": IndependentCounts.text(record["firmware"]),
          "fotaEligible": String(IndependentCounts.flag(record["fotaEligible"])),
          "licenseAssigned": String(IndependentCounts.flag(record["licenseAssigned"])),
          "status": IndependentCounts.text(record["status"]),
          "clientType": IndependentCounts.text(record["clientType"]),
          "upgradeTime": (record["upgradeTime"] as? String) ?? "",
        ]
      }
    }
    return state
  }

  /// Every (device, change) between two nights, computed without the pipeline.
  static func independentChanges(from earlier: Int, to later: Int) throws -> Set<String> {
    let before = try independentState(night: earlier)
    let after = try independentState(night: later)
    var changes = Set<String>()
    for id in Set(before.keys).union(after.keys) {
      switch (before[id], after[id]) {
      case (nil, _?): changes.insert("\(id) added")
      case (_?, nil): changes.insert("\(id) removed")
      case (let old?, let new?):
        for field in old.keys.sorted() where old[field] != new[field] { changes.insert("\(id) \(field)") }
      default: break
      }
    }
    return changes
  }

  struct Night {
    let fixture: JobFixture
    let location: HistoryLocation

    /// The SQLite file (the tests that look into it directly use SQLite).
    var history: URL {
      guard case .sqlite(let path) = location else { preconditionFailure("not an SQLite history") }
      return URL(fileURLWithPath: path)
    }

    func run(
      _ night: Int, source: RunConfiguration.Source? = nil, extraOutputs: [any ReportOutput & Sendable] = []
    ) async throws -> RunOutcome {
      var configuration = fixture.configuration(
        source ?? .demo(seed: HistoryTests.seed, devices: HistoryTests.devices, night: night))
      configuration.asOf = JobFixture.asOf + Int64(night) * HistoryTests.dayMs
      configuration.historyLocation = location
      configuration.formats = [.csv, .html, .xml]
      var job = ReportJob(configuration: configuration, logger: JobFixture.logger)
      job.additionalOutputs = extraOutputs
      return try await job.run()
    }

    func changesCSV() throws -> Set<String> {
      let reader = try CSVReader(string: fixture.text("changes.csv"), hasHeaderRow: true)
      #expect(reader.headerRow == ["deviceId", "make", "model", "change", "before", "after"])
      var changes = Set<String>()
      while let row = reader.next() { changes.insert("\(row[0]) \(row[3])") }
      return changes
    }

    /// A number the history's own SQL (the same in both stores) reads from it.
    func count(_ sql: String) throws -> Int {
      let store = try HistoryStore.open(location)
      defer { store.close() }
      return try store.database.read { try $0.int64(sql).map { Int($0) } } ?? -1
    }
  }

  static func makeNight(_ store: TestHistoryStore = .sqlite) async throws -> Night {
    let fixture = try JobFixture()
    return Night(fixture: fixture, location: try await store.location(in: fixture.directory))
  }

  @Test("the first run says there is no earlier run", arguments: TestHistoryStore.allCases)
  func firstRun(store: TestHistoryStore) async throws {
    let night = try await Self.makeNight(store)
    defer { night.fixture.remove() }
    let outcome = try await night.run(0)
    #expect(outcome.delta?.previousNight == nil)
    #expect(try night.changesCSV().isEmpty)
    #expect(try night.fixture.text("report.html").contains("No earlier run of this account"))
    #expect(try night.fixture.text("report.xml").contains("<changes firstRun=\"true\"/>"))
    #expect(try night.count("SELECT count(*) FROM run") == 1)
    #expect(try night.count("SELECT count(*) FROM device") == outcome.summary.totals.devices)
  }

  @Test(
    "every change kind over several nights matches changes computed independently",
    arguments: TestHistoryStore.allCases)
  func severalNights(store: TestHistoryStore) async throws {
    let night = try await Self.makeNight(store)
    defer { night.fixture.remove() }
    _ = try await night.run(0)
    var kinds = Set<String>()
    for k in 1...3 {
      let outcome = try await night.run(k)
      let expected = try Self.independentChanges(from: k - 1, to: k)
      let reported = try night.changesCSV()
      #expect(reported == expected, "night \(k)")
      let delta = try #require(outcome.delta)
      #expect(delta.previousNight != nil)
      #expect(delta.added == expected.filter { $0.hasSuffix(" added") }.count)
      #expect(delta.removed == expected.filter { $0.hasSuffix(" removed") }.count)
      kinds.formUnion(reported.map { String($0.split(separator: " ").last!) })
      #expect(try night.fixture.text("report.html").contains("Since the run of"))
      // Nothing but changes is stored: devices equal tonight's fleet.
      #expect(try night.count("SELECT count(*) FROM device") == outcome.summary.totals.devices)
    }
    #expect(
      kinds.isSuperset(of: ["added", "removed", "firmware", "fotaEligible", "licenseAssigned", "upgradeTime"])
    )
  }

  @Test("later nights compared while collecting, through the device index or row by row give one history")
  func comparisons() async throws {
    let fed = try await Self.makeNight()
    let indexed = try await Self.makeNight()
    let rowByRow = try await Self.makeNight()
    let nights = [fed, indexed, rowByRow]
    defer { for night in nights { night.fixture.remove() } }
    for k in 0...3 {
      // The demo fleet's account is known before the first page, so its nights are compared
      // while collecting; saved pages name theirs only in the pages, so the spool is compared.
      let pages = try indexed.fixture.writePages(
        SyntheticFleet(seed: Self.seed, deviceCount: Self.devices).pages(night: k).map(\.body),
        folder: "pages-\(k)")
      if k > 0 {
        // Without an index the night is compared row by row, as before the index existed.
        let queue = try DatabaseQueue(path: rowByRow.history.path)
        try await queue.write { try $0.execute(sql: "DELETE FROM deviceIndex") }
      }
      let comparisons = [
        try await fed.run(k).historyComparison,
        try await indexed.run(k, source: .pages(directory: pages)).historyComparison,
        try await rowByRow.run(k).historyComparison,
      ]
      #expect(
        comparisons
          == (k == 0
            ? [.firstNight, .firstNight, .firstNight] : [.fedWhileCollecting, .deviceIndex, .rowByRow]))
      let changes = try nights.map { try $0.fixture.text("changes.csv") }
      #expect(changes[0] == changes[1], "night \(k)")
      #expect(changes[0] == changes[2], "night \(k)")
      #expect(try fed.count("SELECT count(DISTINCT runId) FROM deviceIndex") == min(k + 1, 2))
    }
    let dump =
      "SELECT group_concat(sortKey || deviceId || make || model || firmware || clientType || status"
      + " || fotaEligible || licenseAssigned || upgradeState || ifnull(upgradeTime, ''), '|') FROM"
      + " (SELECT * FROM device ORDER BY sortKey)"
    let tables = try nights.map { night in
      try DatabaseQueue(path: night.history.path).read { try String.fetchOne($0, sql: dump) }
    }
    #expect(tables[0] == tables[1])
    #expect(tables[0] == tables[2])
    #expect(tables[0] != nil)
  }

  @Test(
    "the same night run twice replaces it instead of counting it twice", arguments: TestHistoryStore.allCases)
  func sameNightTwice(store: TestHistoryStore) async throws {
    let night = try await Self.makeNight(store)
    defer { night.fixture.remove() }
    _ = try await night.run(0)
    let first = try await night.run(1)
    let firstChanges = try night.changesCSV()
    let second = try await night.run(1)
    #expect(second.delta == first.delta)
    #expect(try night.changesCSV() == firstChanges)
    #expect(try night.count("SELECT count(*) FROM run") == 2)
    #expect(try night.count("SELECT count(*) FROM change") == first.delta?.changes.count)
    // An older night than the latest is refused.
    await #expect(throws: HistoryError.self) { _ = try await night.run(0) }
  }

  @Test("a failed night leaves the history untouched", arguments: TestHistoryStore.allCases)
  func failedNight(store: TestHistoryStore) async throws {
    let night = try await Self.makeNight(store)
    defer { night.fixture.remove() }
    _ = try await night.run(0)
    let devices = try night.count("SELECT count(*) FROM device")
    let firmware = try night.count("SELECT sum(length(firmware)) FROM device")
    await #expect(throws: (any Error).self) {
      _ = try await night.run(1, extraOutputs: [PublishTests.FailingOutput()])
    }
    #expect(try night.count("SELECT count(*) FROM run") == 1)
    #expect(try night.count("SELECT count(*) FROM change") == 0)
    #expect(try night.count("SELECT count(*) FROM device") == devices)
    #expect(try night.count("SELECT sum(length(firmware)) FROM device") == firmware)
  }

  @Test("a run while another holds the history refuses at start, naming it; nothing is touched")
  func concurrentRuns() async throws {
    let night = try await Self.makeNight()
    defer { night.fixture.remove() }
    _ = try await night.run(0)
    let before = try Self.checksum(night.history)
    let other = Night(fixture: try JobFixture(), location: night.location)
    defer { other.fixture.remove() }
    do {
      let held = try RunLock.acquire(night.history, purpose: "another night")
      defer { withExtendedLifetime(held) {} }
      await #expect {
        _ = try await other.run(1)
      } throws: { error in
        guard case .busy(let reason) = error as? JobError else { return false }
        return reason.contains("history.sqlite is in use by another run (fota-report pid")
          && reason.contains("another night")
      }
    }
    #expect(try Self.checksum(night.history) == before)
    #expect(!FileManager.default.fileExists(atPath: other.fixture.output.path))
    // Once the other run is gone, the same command succeeds.
    let outcome = try await other.run(1)
    #expect(outcome.delta?.previousNight == "2026-11-01")
    #expect(try night.count("SELECT count(*) FROM run") == 2)
  }

  static func checksum(_ url: URL) throws -> Data { try Data(contentsOf: url) }

  @Test("a database from a newer version is refused and left untouched")
  func newerDatabase() async throws {
    let night = try await Self.makeNight()
    defer { night.fixture.remove() }
    _ = try await night.run(0)
    let queue = try DatabaseQueue(path: night.history.path)
    try await queue.write {
      try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
    }
    try queue.close()
    let before = try Self.checksum(night.history)
    #expect(
      throws: HistoryError.newerVersion(path: night.history.path, unknownMigrations: ["v99-from-the-future"])
    ) {
      _ = try HistoryStore(path: night.history.path)
    }
    #expect(try Self.checksum(night.history) == before)
  }

  @Test("a damaged database is refused and left untouched")
  func damagedDatabase() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path("history.sqlite")
    let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 37) })
    try garbage.write(to: path)
    #expect {
      _ = try HistoryStore(path: path.path)
    } throws: { error in
      guard case .damaged = error as? HistoryError else { return false }
      return true
    }
    #expect(try Data(contentsOf: path) == garbage)
  }
}

@Suite("history trends, commands and migrations")
struct HistoryTrendTests {
  @Test("trends follow the newest firmware's share, with a projection")
  func trends() async throws {
    let night = try await HistoryTests.makeNight()
    defer { night.fixture.remove() }
    var outcome: RunOutcome?
    for k in 0...4 { outcome = try await night.run(k) }
    let trends = try #require(outcome?.trends)
    #expect(trends.nights.count == 5)
    let modelA = try #require(
      trends.models.first { $0.model.model == "Model-A" && $0.model.make == "Verizon" })
    #expect(modelA.newestFirmware == "VerizonFirmwareVersion-04")
    let shares = modelA.newestShare(nights: trends.nights).compactMap { $0 }
    #expect(shares.count == 5)
    #expect(shares.last! > shares.first!)
    #expect(modelA.upgradesPerDay > 0)
    guard case .on = modelA.projection else {
      Issue.record("expected a projected night, got \(modelA.projection)")
      return
    }
    // trend.csv: every firmware of every model on every night, shares adding up per model.
    let reader = try CSVReader(string: night.fixture.text("trend.csv"), hasHeaderRow: true)
    var perModelNight: [String: Int] = [:]
    var totals: [String: Int] = [:]
    while let row = reader.next() {
      perModelNight["\(row[0])|\(row[1])|\(row[2])", default: 0] += Int(row[4])!
      totals["\(row[0])|\(row[1])|\(row[2])"] = Int(row[5])!
    }
    #expect(!perModelNight.isEmpty)
    #expect(perModelNight == totals)
    let html = try night.fixture.text("report.html")
    #expect(html.contains("Adoption of the newest firmware"))
    #expect(html.contains("<polyline"))
  }

  @Test("a database of the first schema is migrated and keeps its runs")
  func migrationFromFirstSchema() async throws {
    let night = try await HistoryTests.makeNight()
    defer { night.fixture.remove() }
    let queue = try DatabaseQueue(path: night.history.path)
    try HistorySchema.migrator.migrate(queue, upTo: "v1-runs-devices-changes-aggregates")
    try await queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO run (account, clientTypeFilter, night, asOf, isFirst, devices, ready, added, removed,
            changedDevices, changes) VALUES ('other', '', '2026-10-01', 0, 1, 0, 0, 0, 0, 0, 0)
          """)
      // A device of another account with the first schema's sort key, padded to 24 digits.
      try db.execute(
        sql: """
          INSERT INTO device (account, clientTypeFilter, sortKey, deviceId, make, model, firmware, clientType,
            status, fotaEligible, licenseAssigned, upgradeState) VALUES
            ('other', '', '0000000000350000000000001|350000000000001', '350000000000001', '', '', '', '', '', 0, 0, 'never')
          """)
    }
    try queue.close()
    _ = try await night.run(0)
    let migrated = try DatabaseQueue(path: night.history.path)
    let identifiers = try await migrated.read {
      try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations")
    }
    #expect(identifiers == HistorySchema.migrator.migrations)
    #expect(try night.count("SELECT count(*) FROM run") == 2)
    #expect(try night.count("SELECT count(*) FROM aggregate WHERE latestUpgrade IS NOT NULL") > 0)
    let key = try await migrated.read {
      try String.fetchOne($0, sql: "SELECT sortKey FROM device WHERE account = 'other'")
    }
    #expect(key == DeviceID.sortKey("350000000000001"))
  }
}

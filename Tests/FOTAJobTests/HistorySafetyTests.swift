import FOTACollect
import FOTAFleet
import FOTAJob
import FOTAModel
import FOTARender
import FOTATestSupport
import Foundation
import GRDB
import Testing

@testable import FOTAHistory

/// The history never lets a vanished fleet through, and a history that cannot be used never costs
/// the night's report.
@Suite("history safety")
struct HistorySafetyTests {
  static let account = SyntheticFleet.defaultAccount

  /// Runs the night of a `devices`-record fleet from saved pages into `fixture`, with history.
  static func run(
    _ fixture: JobFixture, devices: Int, night: Int = 0, history: HistoryLocation, allowDrop: Bool = false,
    busyTimeout: TimeInterval = HistoryStore.defaultBusyTimeout
  ) async throws -> RunOutcome {
    let fleet = SyntheticFleet(seed: 5, deviceCount: devices)
    let bodies = devices == 0 ? [Self.emptyNight] : fleet.pages(night: night).map(\.body)
    var configuration = fixture.configuration(
      .pages(
        directory: try fixture.writePages(
          bodies, folder: "night-\(devices)-\(night)-\(UUID().uuidString.prefix(4))")))
    configuration.asOf = JobFixture.asOf + Int64(night) * 86_400_000
    configuration.historyLocation = history
    configuration.allowDrop = allowDrop
    configuration.historyBusyTimeout = busyTimeout
    return try await fixture.run(configuration)
  }

  static let emptyNight =
    #"{"accountName":"\#(account)","hasMoreData":false,"lastSeenDeviceId":0,"deviceList":[]}"#

  /// Every row of every table, in a stable order, read through the store: the same for SQLite
  /// and PostgreSQL.
  static func contents(_ history: HistoryLocation) throws -> [String] {
    let store = try HistoryStore.open(history)
    defer { store.close() }
    return try store.database.read { sql in
      var rows: [String] = []
      for table in HistoryCopy.tables(sql.dialect) {
        rows += try sql.rows(
          "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.order)", []
        ).map { "\(table.name) \($0.values)" }
      }
      return rows
    }
  }

  @Test(
    "a fleet that fell by more than half is refused: nothing published, history unchanged",
    arguments: TestHistoryStore.allCases)
  func dropGuard(store: TestHistoryStore) async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let history = try await store.location(in: fixture.directory)
    let first = try await Self.run(fixture, devices: 3_000, history: history)
    let report = try FolderSnapshot.files(in: fixture.output)
    let stored = try Self.contents(history)
    for devices in [1_200, 0] {
      await #expect {
        _ = try await Self.run(fixture, devices: devices, night: 1, history: history)
      } throws: { error in
        guard case .fleetDropped(_, let night, let previous, let tonight) = error as? JobError else {
          return false
        }
        let message = (error as? JobError)?.errorDescription ?? ""
        return night == "2026-11-01" && previous == first.summary.totals.devices && tonight < previous / 2
          && message.contains("--allow-drop") && message.contains(Figures.grouped(previous))
      }
      #expect(try FolderSnapshot.files(in: fixture.output) == report)
      #expect(try Self.contents(history) == stored)
    }
    // A drop of less than half goes through; with --allow-drop, so does a larger one.
    _ = try await Self.run(fixture, devices: 1_600, night: 1, history: history)
    let accepted = try await Self.run(fixture, devices: 0, night: 2, history: history, allowDrop: true)
    #expect(accepted.summary.totals.devices == 0)
    #expect(accepted.delta?.removed ?? 0 > 0)
  }

  @Test("without history, any night is published as it is")
  func noHistoryNoGuard() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var configuration = fixture.configuration(.pages(directory: try fixture.writePages([Self.emptyNight])))
    configuration.history = nil
    let outcome = try await fixture.run(configuration)
    #expect(outcome.summary.totals.devices == 0)
  }

  /// What a report published without its history looks like.
  static func expectPublishedWithoutHistory(_ outcome: RunOutcome, _ fixture: JobFixture, reason: String)
    throws
  {
    #expect(outcome.incompleteRecord.count == 1)
    #expect(outcome.incompleteRecord.first?.contains(reason) == true, "\(outcome.incompleteRecord)")
    #expect(outcome.delta == nil)
    let html = try fixture.text("report.html")
    #expect(html.contains("History not used tonight."))
    #expect(!html.contains("What changed"))
    #expect(try fixture.text("report.xml").contains("<historyUnavailable reason="))
    let record = try JSONSerialization.jsonObject(with: Data(fixture.text("run.json").utf8)) as! [String: Any]
    #expect((record["historyProblem"] as? String)?.contains(reason) == true)
    #expect(record["historyRunId"] == nil)
    let files = try FileManager.default.contentsOfDirectory(atPath: fixture.output.path)
    #expect(!files.contains("changes.csv") && !files.contains("trend.csv"))
  }

  @Test("a damaged history costs the history sections, not the report; the file is left as it was")
  func damagedHistory() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let history = fixture.directory.path("history.sqlite")
    let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 37) })
    try garbage.write(to: history)
    let outcome = try await Self.run(fixture, devices: 1_000, history: .sqlite(path: history.path))
    try Self.expectPublishedWithoutHistory(outcome, fixture, reason: "cannot be read")
    #expect(try Data(contentsOf: history) == garbage)
  }

  @Test("a history from a newer version is not used and not touched")
  func newerHistory() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let history = fixture.directory.path("history.sqlite")
    _ = try await Self.run(fixture, devices: 1_000, history: .sqlite(path: history.path))
    let queue = try DatabaseQueue(path: history.path)
    try await queue.write {
      try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')")
    }
    try queue.close()
    let before = try Data(contentsOf: history)
    let outcome = try await Self.run(fixture, devices: 1_000, night: 1, history: .sqlite(path: history.path))
    try Self.expectPublishedWithoutHistory(outcome, fixture, reason: "written by a newer fota-report")
    #expect(try Data(contentsOf: history) == before)
  }

  @Test("a history locked past the timeout when the night is recorded: published without it, unchanged")
  func lockedHistory() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let history = fixture.directory.path("history.sqlite")
    _ = try await Self.run(fixture, devices: 1_000, history: .sqlite(path: history.path))
    // Another process holds SQLite's write lock meanwhile.
    let outcome = try await HelperProcess.withRunning("hold_sqlite_lock.py", [history.path]) { _ in
      try await Self.run(
        fixture, devices: 1_000, night: 1, history: .sqlite(path: history.path), busyTimeout: 1)
    }
    try Self.expectPublishedWithoutHistory(outcome, fixture, reason: "database is locked")
    let queue = try DatabaseQueue(path: history.path)
    #expect(try await queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM run") } == 1)
    #expect(try await queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM change") } == 0)
  }
}

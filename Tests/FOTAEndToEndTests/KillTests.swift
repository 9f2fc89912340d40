import FOTAHistory
import FOTATestSupport
import Foundation
import Testing

/// SIGKILL at every step boundary of a run with history: the report and the history agree
/// afterwards (old with old, or new with new), and the next run cleans up and succeeds.
@Suite("killed runs")
struct KillTests {
  /// The SQLite history of a test's folder.
  static func sqlite(_ directory: TemporaryDirectory) -> HistoryLocation {
    .sqlite(path: directory.path("history.sqlite").path)
  }

  static func arguments(_ directory: TemporaryDirectory, night: Int, history: HistoryLocation? = nil)
    -> [String]
  {
    [
      "run", "--demo", "--demo-devices", "3000", "--night", String(night), "--as-of", "2026-11-0\(night + 1)",
      "--out", directory.path("latest").path, "--save-pages", directory.path("pages-\(night)").path,
      "--templates", RepositoryPaths.templates.path,
    ] + TestHistoryStore.arguments(history ?? sqlite(directory))
  }

  /// The history's runs as (night, state), oldest first.
  static func runs(_ directory: TemporaryDirectory, history: HistoryLocation? = nil) throws -> [String] {
    let store = try HistoryStore.open(history ?? sqlite(directory))
    defer { store.close() }
    return try store.runs().map { "\($0.night) \($0.isPublished ? "published" : "pending")" }
  }

  /// The night and history run id the published report says it is.
  static func published(_ directory: TemporaryDirectory) throws -> (asOf: String, runId: Int64?) {
    let data = try Data(contentsOf: directory.path("latest/run.json"))
    let record = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    return (record["asOf"] as! String, (record["historyRunId"] as? NSNumber)?.int64Value)
  }

  static func historyRunIds(_ directory: TemporaryDirectory, history: HistoryLocation? = nil) throws
    -> [Int64]
  {
    let store = try HistoryStore.open(history ?? sqlite(directory))
    defer { store.close() }
    return try store.runs().map(\.id)
  }

  static func leftovers(_ directory: TemporaryDirectory) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
      .filter { $0.contains(".staging-") || $0.contains(".previous-") || $0.contains(".saving-") }
  }

  /// `changes.csv` of a clean night 0 → night 1, the reference every recovered run must match.
  static let reference = Task {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    for night in 0...1 { _ = try await BinaryRunner().run(arguments(directory, night: night)) }
    return try Data(contentsOf: directory.path("latest/changes.csv"))
  }

  @Test(
    "a kill at each step boundary leaves a consistent pair; the next run mends it and succeeds",
    arguments: TestHistoryStore.allCases, ["collecting", "committing", "recorded", "swapped", "published"])
  func killAt(store: TestHistoryStore, point: String) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let history = try await store.location(in: directory)
    let runner = BinaryRunner(environment: BinaryRunner.environment(adding: TestPostgres.environment))
    #expect(try await runner.run(Self.arguments(directory, night: 0, history: history)).exitCode == 0)
    let night0 = try Self.published(directory)

    var killer = runner
    killer.environment["FOTA_KILL_AT"] = point
    let killed = try await killer.run(Self.arguments(directory, night: 1, history: history))
    #expect(killed.exitCode == 9, "expected SIGKILL, got \(killed.exitCode): \(killed.standardError)")

    let report = try Self.published(directory)
    let runs = try Self.runs(directory, history: history)
    switch point {
    case "collecting", "committing":
      // Old report, old history: nothing of night 1 anywhere but its staging folders; a night
      // killed in its transaction is not half-recorded.
      #expect(report.asOf == night0.asOf)
      #expect(runs == ["2026-11-01 published"])
      #expect(try !Self.leftovers(directory).isEmpty)
    case "recorded":
      // Old report; night 1 recorded as pending, which no reader counts until it is published.
      #expect(report.asOf == night0.asOf)
      #expect(runs == ["2026-11-01 published", "2026-11-02 pending"])
      #expect(try Self.historyRunIds(directory, history: history).last != report.runId)
    case "swapped":
      // New report; its night recorded, the report naming that run.
      #expect(report.asOf == "2026-11-02T00:00:00.000Z")
      #expect(runs == ["2026-11-01 published", "2026-11-02 pending"])
      #expect(try Self.historyRunIds(directory, history: history).last == report.runId)
    default:
      #expect(report.asOf == "2026-11-02T00:00:00.000Z")
      #expect(runs == ["2026-11-01 published", "2026-11-02 published"])
      // The saved pages were not moved yet: the next run may save them again.
      #expect(!FileManager.default.fileExists(atPath: directory.path("pages-1/page-00001.json").path))
    }

    // The same command again: it mends what the kill left and publishes night 1.
    let again = try await runner.run(Self.arguments(directory, night: 1, history: history))
    #expect(again.exitCode == 0, "\(again.standardError)")
    #expect(try Self.runs(directory, history: history) == ["2026-11-01 published", "2026-11-02 published"])
    #expect(try Self.published(directory).asOf == "2026-11-02T00:00:00.000Z")
    #expect(try Self.historyRunIds(directory, history: history).last == Self.published(directory).runId)
    let reference = try await Self.reference.value
    #expect(try Data(contentsOf: directory.path("latest/changes.csv")) == reference)
    #expect(try Self.leftovers(directory).isEmpty)
    #expect(FileManager.default.fileExists(atPath: directory.path("pages-1/page-00003.json").path))
  }
}

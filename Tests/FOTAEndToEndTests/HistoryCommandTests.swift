import FOTACollect
import FOTAJob
import FOTAModel
import FOTATestSupport
import Foundation
import Testing

@testable import FOTAHistory

@Suite("history commands")
struct HistoryCommandTests {
  /// Night `night` of a 4,000-record fleet, in process, recorded in `history`.
  static func run(_ fixture: JobFixture, _ history: HistoryLocation, night: Int) async throws -> RunOutcome {
    var configuration = fixture.configuration(.demo(seed: 21, devices: 4_000, night: night))
    configuration.asOf = JobFixture.asOf + Int64(night) * 86_400_000
    configuration.historyLocation = history
    return try await fixture.run(configuration)
  }

  static func count(_ history: HistoryLocation, _ sql: String) throws -> Int {
    let store = try HistoryStore.open(history)
    defer { store.close() }
    return try store.database.read { try $0.int64(sql).map { Int($0) } } ?? -1
  }

  @Test("history list, show and prune", arguments: TestHistoryStore.allCases)
  func commands(store: TestHistoryStore) async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let history = try await store.location(in: fixture.directory)
    let location = TestHistoryStore.arguments(history)
    for k in 0...3 { _ = try await Self.run(fixture, history, night: k) }
    let runner = BinaryRunner(environment: BinaryRunner.environment(adding: TestPostgres.environment))
    let list = try await runner.run(["history", "list"] + location)
    #expect(list.exitCode == 0)
    #expect(list.standardOutput.split(separator: "\n").count == 5)
    #expect(list.standardOutput.contains("2026-11-04"))
    let show = try await runner.run(["history", "show", "2"] + location)
    #expect(show.exitCode == 0)
    #expect(show.standardOutput.contains("night 2026-11-02"))
    #expect(show.standardOutput.contains("firmware"))
    let missing = try await runner.run(["history", "show", "99"] + location)
    #expect(missing.exitCode == 1)
    #expect(missing.errorLines.first?.contains("has no run 99") == true)

    let devices = try Self.count(history, "SELECT count(*) FROM device")
    let prune = try await runner.run(["history", "prune", "--keep-nights", "2"] + location)
    #expect(prune.exitCode == 0)
    #expect(try Self.count(history, "SELECT count(*) FROM run") == 4)
    #expect(try Self.count(history, "SELECT count(DISTINCT runId) FROM aggregate") == 2)
    #expect(try Self.count(history, "SELECT count(*) FROM change WHERE runId <= 2") == 0)
    #expect(try Self.count(history, "SELECT count(*) FROM device") == devices)
    // The history still works after pruning: the next night compares with the last one.
    let next = try await Self.run(fixture, history, night: 4)
    #expect(next.delta?.previousNight == "2026-11-04")
  }
}

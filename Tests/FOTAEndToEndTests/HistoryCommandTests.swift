import FOTACollect
import FOTAJob
import FOTAModel
import FOTATestSupport
import Foundation
import GRDB
import Testing

@Suite("history commands")
struct HistoryCommandTests {
  /// Night `night` of a 4,000-record fleet, in process, recorded in `history`.
  static func run(_ fixture: JobFixture, _ history: URL, night: Int) async throws -> RunOutcome {
    var configuration = fixture.configuration(.demo(seed: 21, devices: 4_000, night: night))
    configuration.asOf = JobFixture.asOf + Int64(night) * 86_400_000
    configuration.history = history
    return try await fixture.run(configuration)
  }

  static func count(_ history: URL, _ sql: String) throws -> Int {
    let queue = try DatabaseQueue(path: history.path)
    defer { try? queue.close() }
    return try queue.read { try Int.fetchOne($0, sql: sql) ?? -1 }
  }

  @Test("history list, show and prune")
  func commands() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let history = fixture.directory.path("history.sqlite")
    for k in 0...3 { _ = try await Self.run(fixture, history, night: k) }
    let runner = BinaryRunner()
    let list = try await runner.run(["history", "list", "--history", history.path])
    #expect(list.exitCode == 0)
    #expect(list.standardOutput.split(separator: "\n").count == 5)
    #expect(list.standardOutput.contains("2026-11-04"))
    let show = try await runner.run(["history", "show", "2", "--history", history.path])
    #expect(show.exitCode == 0)
    #expect(show.standardOutput.contains("night 2026-11-02"))
    #expect(show.standardOutput.contains("firmware"))
    let missing = try await runner.run(["history", "show", "99", "--history", history.path])
    #expect(missing.exitCode == 1)
    #expect(missing.errorLines.first?.contains("has no run 99") == true)

    let devices = try Self.count(history, "SELECT count(*) FROM device")
    let prune = try await runner.run(["history", "prune", "--keep-nights", "2", "--history", history.path])
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

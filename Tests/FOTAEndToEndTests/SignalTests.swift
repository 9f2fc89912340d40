import FOTAFleet
import FOTASimulator
import FOTATestSupport
import Foundation
import Testing

/// SIGTERM, SIGINT and SIGHUP at every step boundary, and the night's deadline: a stop before the
/// report is published publishes nothing and records nothing, a stop after it keeps both; either
/// way nothing is left beside the folders, the locks are free, and the exit code says what stopped it.
@Suite("stopped runs")
struct SignalTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var point: String
    var signal: String
    var number: Int32
    var testDescription: String { "SIG\(signal) at \(point)" }
    var published: Bool { point == "swapped" || point == "published" }
  }

  static let cases: [Case] =
    ["collecting", "recorded", "swapped", "published"].map { Case(point: $0, signal: "TERM", number: 15) } + [
      Case(point: "collecting", signal: "INT", number: 2), Case(point: "recorded", signal: "HUP", number: 1),
    ]

  @Test("a signal at each step boundary stops the night cleanly, the pair consistent", arguments: cases)
  func signalAt(_ stop: Case) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let runner = BinaryRunner()
    #expect(try await runner.run(KillTests.arguments(directory, night: 0)).exitCode == 0)
    let night0 = try KillTests.published(directory)

    var signalled = runner
    signalled.environment["FOTA_SIGNAL_AT"] = stop.point
    signalled.environment["FOTA_SIGNAL"] = stop.signal
    let result = try await signalled.run(KillTests.arguments(directory, night: 1))
    #expect(result.exitCode == 128 + stop.number, "\(result.standardError)")
    #expect(result.errorLines.count == 1, "\(result.standardError)")
    let line = result.errorLines.first ?? ""
    #expect(line.hasPrefix("fota-report: error: stopped by SIG\(stop.signal) after "), "\(line)")
    #expect(result.standardError.contains("stopped by SIG\(stop.signal) after"))

    let runs = try KillTests.runs(directory)
    if stop.published {
      #expect(
        line.hasSuffix("after the report was published; the report and the history are kept"), "\(line)")
      #expect(try KillTests.published(directory).asOf == "2026-11-02T00:00:00.000Z")
      #expect(runs == ["2026-11-01 published", "2026-11-02 published"])
      #expect(try KillTests.historyRunIds(directory).last == KillTests.published(directory).runId)
    } else {
      #expect(line.hasSuffix("nothing was published and the history is unchanged"), "\(line)")
      #expect(try KillTests.published(directory).asOf == night0.asOf)
      #expect(runs == ["2026-11-01 published"])
      #expect(!FileManager.default.fileExists(atPath: directory.path("pages-1").path))
    }
    // Nothing of this run beside the folders: no staging, no previous report, no saving folder.
    #expect(try KillTests.leftovers(directory).isEmpty)

    // The locks were released: the same night runs again at once and publishes.
    let pages = directory.path("pages-1").path
    let again = try await runner.run(
      KillTests.arguments(directory, night: 1).map { $0 == pages ? directory.path("pages-1-again").path : $0 }
    )
    #expect(again.exitCode == 0, "\(again.standardError)")
    #expect(try KillTests.runs(directory) == ["2026-11-01 published", "2026-11-02 published"])
    let reference = try await KillTests.reference.value
    #expect(try Data(contentsOf: directory.path("latest/changes.csv")) == reference)
  }

  @Test("the night's deadline stops a night that would run on, exit 1, saying how far it got")
  func deadline() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    var simulator = SimulatorConfiguration(fleet: SyntheticFleet(seed: 5, deviceCount: 20_000))
    // 20 pages at 0.5 s each: far longer than the 2 s deadline.
    simulator.latency = .milliseconds(500)
    let account = simulator.fleet.account
    let result = try await SimulatorLauncher.withSimulator(simulator) { _, url in
      try await BinaryRunner(
        environment: BinaryRunner.environment(adding: SimulatorLauncher.loginEnvironment())
      )
      .run([
        "run", "--account", account, "--base-url", url.absoluteString,
        "--out", directory.path("latest").path, "--history", directory.path("history.sqlite").path,
        "--templates", RepositoryPaths.templates.path, "--deadline", "2s",
      ])
    }
    #expect(result.exitCode == 1, "\(result.standardError)")
    #expect(result.errorLines.count == 1, "\(result.standardError)")
    let line = result.errorLines.first ?? ""
    #expect(line.contains("stopped: the night's deadline (--deadline 2 s) passed after "), "\(line)")
    #expect(line.hasSuffix("pages; nothing was published and the history is unchanged"), "\(line)")
    #expect(!FileManager.default.fileExists(atPath: directory.path("latest").path))
    #expect(try KillTests.leftovers(directory).isEmpty)
  }
}

import FOTACollect
import FOTAFleet
import FOTAJob
import FOTASimulator
import FOTATestSupport
import Foundation
import Testing

@Suite("checks before the first request")
struct PreflightTests {
  static let fleet = SyntheticFleet(seed: 13, deviceCount: 1_200)

  static func refusal(_ error: any Error) -> String? {
    guard case .refused(let reason) = error as? JobError else { return nil }
    return reason
  }

  /// Runs the job against a simulator and returns what the simulator was asked.
  static func requests(for configure: @Sendable (inout RunConfiguration) -> Void, fixture: JobFixture)
    async throws
    -> (SimulatorStatistics, (any Error)?)
  {
    try await SimulatorLauncher.withSimulator(SimulatorConfiguration(fleet: fleet)) { simulator, url in
      var configuration = fixture.configuration(
        .api(baseURL: url, account: fleet.account, credentials: SimulatorLauncher.demoLogin))
      configure(&configuration)
      var failure: (any Error)?
      do {
        try await fixture.run(configuration)
      } catch {
        failure = error
      }
      return (await simulator.statistics(), failure)
    }
  }

  @Test(
    "every check that can fail without collecting fails before the first request",
    arguments: [
      "templates", "out is a file", "out not ours", "save-pages is a file", "save-pages holds a night",
    ])
  func beforeTheFirstRequest(problem: String) async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let (statistics, failure) = try await Self.requests(
      for: { configuration in
        switch problem {
        case "templates":
          configuration.templates = fixture.directory.path("no-templates")
        case "out is a file":
          try? Data("x".utf8).write(to: configuration.output)
        case "out not ours":
          try? FileManager.default.createDirectory(
            at: configuration.output, withIntermediateDirectories: true)
          try? Data("x".utf8).write(to: configuration.output.appendingPathComponent("x.txt"))
        case "save-pages is a file":
          configuration.savePages = fixture.directory.path("pages-file")
          try? Data("x".utf8).write(to: configuration.savePages!)
        default:
          configuration.savePages = try? fixture.writePages(["{}"], folder: "old-night")
        }
      }, fixture: fixture)
    #expect(failure.flatMap(Self.refusal) != nil, "\(String(describing: failure))")
    #expect(statistics.tokenRequests == 0)
    #expect(statistics.deviceListRequests == 0)
  }
}

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

/// Every request the job makes is bounded as a whole: a gateway that holds back its answer, or
/// sends the body a byte at a time, costs `--timeout` an attempt, then the night fails naming the
/// request, never a night that does not end.
@Suite("bounded requests")
struct TimeoutTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var endpoint: SlowAnswer.Endpoint
    var answer: SlowAnswer
    var testDescription: String {
      switch answer {
      case .stalledHead: "\(endpoint.rawValue), stalled head"
      case .tricklingBody: "\(endpoint.rawValue), trickling body"
      }
    }

    /// What the one-line error must name.
    var request: String {
      switch endpoint {
      case .token: "the token request"
      case .session: "the session login"
      case .deviceList: "GET /api/fota/v1/devices/"
      case .firmware: "GET /api/fota/v1/firmware/"
      case .licenses: "GET /api/fota/v1/licenses/"
      case .upgradeReports: "GET /api/fota/v1/reports/"
      }
    }
  }

  static let cases: [Case] = SlowAnswer.Endpoint.allCases.flatMap { endpoint in
    // The stall outlasts the 3 s timeout (long enough for the answers that are not slowed, on a
    // busy machine); a trickle sends a byte every 200 ms, so no read is idle long enough for a
    // read timeout: only the attempt's total deadline ends it.
    [
      Case(endpoint: endpoint, answer: .stalledHead(.seconds(8))),
      Case(endpoint: endpoint, answer: .tricklingBody(interval: .milliseconds(200))),
    ]
  }

  // A night that waits for the slow answers instead of cutting them off (a page trickled a byte at
  // a time takes minutes) runs into the time limit and fails.
  @Test(
    "a stalled or trickling answer is a timeout, retried, then a failed night naming the request",
    .timeLimit(.minutes(5)), arguments: cases)
  func boundedAttempt(_ slow: Case) async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var simulator = SimulatorConfiguration(fleet: HTTPCollectionTests.fleet)
    simulator.slowAnswers = [slow.endpoint: slow.answer]
    // What the night ended with: the one-line error, or the planning data it went without.
    let (error, missing): (String?, [String]) = try await SimulatorLauncher.withSimulator(simulator) {
      _, url in
      var configuration = fixture.configuration(
        .api(
          baseURL: url, account: HTTPCollectionTests.fleet.account, credentials: SimulatorLauncher.demoLogin))
      configuration.formats = [.csv]
      configuration.plan = PlanOptions()
      configuration.retryPolicy = RetryPolicy(
        maxAttempts: 2, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5), timeout: .seconds(3))
      do {
        try await fixture.run(configuration)
        let record =
          try JSONSerialization.jsonObject(with: Data(try fixture.text("run.json").utf8)) as? [String: Any]
        return (nil, (record?["plan"] as? [String: Any])?["missing"] as? [String] ?? [])
      } catch {
        return (ErrorText.describe(error), [])
      }
    }
    switch slow.endpoint {
    case .firmware, .licenses:
      // A firmware list or license pool the API does not give in time is reported missing, as any
      // other failure to get it is; the readiness report is published without a plan.
      let line = try #require(missing.first, "the night planned despite a \(slow.testDescription)")
      #expect(line.contains(slow.request) && line.contains("timed out after 3 s"), "\(line)")
      #expect(line.contains("2 attempts"), "\(line)")
    default:
      // The device list, a login, or the upgrade reports (a plan without them could schedule a
      // device twice): the night fails, naming the request.
      let text = try #require(error, "the night succeeded despite a \(slow.testDescription)")
      #expect(text.contains(slow.request), "\(text)")
      #expect(text.contains("timed out after 3 s"), "\(text)")
      #expect(text.contains("2 attempts"), "\(text)")
      #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
    }
  }
}

import FOTACollect
import FOTAFleet
import FOTAModel
import FOTASimulator
import FOTATestSupport
import Foundation
import Testing

/// The network is hostile until proven otherwise: credentials go only to --base-url's host, over
/// TLS unless it is this machine, never through a redirect, and never appear in any output.
@Suite("hostile network")
struct NetworkSafetyTests {
  static let fleet = SyntheticFleet(seed: 17, deviceCount: 2_500)

  static func arguments(_ url: URL, out: String, extra: [String] = []) -> [String] {
    [
      "run", "--account", fleet.account, "--base-url", url.absoluteString, "--out", out, "--as-of",
      "2026-11-01",
      "--templates", RepositoryPaths.templates.path, "--max-attempts", "3", "--no-history", "--no-plan",
    ] + extra
  }

  static var loginRunner: BinaryRunner {
    BinaryRunner(environment: BinaryRunner.environment(adding: SimulatorLauncher.loginEnvironment()))
  }

  @Test("a redirect is a final error naming the status and the host; the other host gets nothing")
  func redirects() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    // The "other host": a second simulator that counts anything it is sent.
    try await SimulatorLauncher.withSimulator(SimulatorConfiguration(fleet: Self.fleet)) {
      elsewhere, target in
      for login in [false, true] {
        var configuration = SimulatorConfiguration(fleet: Self.fleet)
        configuration.redirect = (every: 2, location: "http://localhost:\(target.port!)")
        configuration.redirectLogin = login
        let (result, statistics) = try await SimulatorLauncher.withSimulator(configuration) {
          simulator, url in
          let result = try await Self.loginRunner.run(
            Self.arguments(url, out: directory.path("out").path))
          return (result, await simulator.statistics())
        }
        #expect(result.exitCode == 1)
        #expect(result.errorLines.count == 1)
        let line = result.errorLines.first ?? ""
        #expect(
          line.contains("with HTTP 302, a redirect to localhost; redirects are never followed"), "\(line)")
        #expect(statistics.faults[login ? "redirected-login" : "redirected"] == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.path("out").path))
      }
      let reached = await elsewhere.statistics()
      #expect(reached.tokenRequests + reached.sessionLogins + reached.deviceListRequests == 0)
    }
  }

  @Test("no token, session, password or key secret appears in any output, even when the server echoes them")
  func redaction() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    var configuration = SimulatorConfiguration(fleet: Self.fleet)
    configuration.echoCredentialsEvery = 1
    let (result, statistics) = try await SimulatorLauncher.withSimulator(configuration) { simulator, url in
      let result = try await Self.loginRunner.run(
        Self.arguments(url, out: directory.path("out").path, extra: ["--log-level", "trace"]))
      return (result, await simulator.statistics())
    }
    #expect(result.exitCode == 1)
    #expect(statistics.faults["echoed-credentials"] == 3)
    #expect(result.errorLines.first?.contains("auth Bearer [redacted] session [redacted]") == true)
    let demo = SimulatorCredentials.demo
    let secrets =
      statistics.issuedTokens + [
        demo.clientSecret, demo.password,
        Data("\(demo.clientId):\(demo.clientSecret)".utf8).base64EncodedString(),
      ]
    #expect(statistics.issuedTokens.count == 2)
    for secret in secrets {
      #expect(!result.standardError.contains(secret), "\(secret) leaked")
      #expect(!result.standardOutput.contains(secret), "\(secret) leaked")
    }
  }

  @Test("a login with no answer is retried; the run then succeeds with one login the server saw")
  func loginWithoutAnswer() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let (result, statistics) = try await SimulatorLauncher.withSimulator(
      SimulatorConfiguration(fleet: Self.fleet)
    ) {
      simulator, url in
      let result = try await HelperProcess.withRunning("closing_proxy.py", [String(url.port!), "2"]) { port in
        try await Self.loginRunner.run(
          Self.arguments(URL(string: "http://127.0.0.1:\(port)")!, out: directory.path("out").path))
      }
      return (result, await simulator.statistics())
    }
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(statistics.tokenRequests == 1)
    #expect(statistics.sessionLogins == 1)
    let record =
      try JSONSerialization.jsonObject(with: Data(contentsOf: directory.path("out/run.json")))
      as! [String: Any]
    let retries = (record["http"] as? [String: Any])?["retries"] as? [String: Int]
    #expect((retries?["connection"] ?? 0) >= 1)
  }

  @Test("a login that keeps getting no answer gives up after --max-attempts, saying so")
  func loginNeverAnswered() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let (result, statistics) = try await SimulatorLauncher.withSimulator(
      SimulatorConfiguration(fleet: Self.fleet)
    ) {
      simulator, url in
      let result = try await HelperProcess.withRunning("closing_proxy.py", [String(url.port!), "100"]) {
        port in
        try await Self.loginRunner.run(
          Self.arguments(URL(string: "http://127.0.0.1:\(port)")!, out: directory.path("out").path))
      }
      return (result, await simulator.statistics())
    }
    #expect(result.exitCode == 1)
    #expect(result.errorLines.first?.contains("login failed at the token request") == true)
    #expect(result.errorLines.first?.contains("no answer after 3 attempts") == true)
    #expect(statistics.tokenRequests == 0)
  }

  @Test("an http:// --base-url to another host is refused with exit 64 before anything is sent")
  func cleartextRefused() async throws {
    let result = try await Self.loginRunner.run([
      "run", "--account", "A", "--base-url", "http://thingspace.verizon.com", "--no-history",
    ])
    #expect(result.exitCode == 64)
    #expect(result.standardError.contains("credentials never travel in clear text"))
  }

}

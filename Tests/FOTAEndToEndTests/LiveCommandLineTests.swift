import FOTAFleet
import FOTASimulator
import FOTATestSupport
import Foundation
import Testing

/// The binary against the simulator over loopback: exit codes, messages, secrets.
@Suite("command line against the API")
struct LiveCommandLineTests {
  static let fleet = SyntheticFleet(seed: 3, deviceCount: 1_200)

  static func arguments(_ url: URL, account: String = fleet.account, out: String) -> [String] {
    [
      "run", "--account", account, "--base-url", url.absoluteString, "--out", out,
      "--as-of", "2026-11-01", "--templates", RepositoryPaths.templates.path, "--max-attempts", "2",
      "--no-history",
    ]
  }

  @Test("a wrong password: exactly one login attempt, exit 1, no secret in the output")
  func wrongPassword() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let password = "Wr0ng-Pa55word-7731"
    let out = directory.path("latest").path
    let (result, statistics) = try await SimulatorLauncher.withSimulator(
      SimulatorConfiguration(fleet: Self.fleet)
    ) { simulator, url in
      let runner = BinaryRunner(
        environment: BinaryRunner.environment(adding: SimulatorLauncher.loginEnvironment(password: password)))
      let result = try await runner.run(Self.arguments(url, out: out))
      return (result, await simulator.statistics())
    }
    #expect(result.exitCode == 1)
    #expect(result.errorLines.count == 1)
    let line = result.errorLines.first ?? ""
    #expect(line.contains("login failed at the session login"))
    #expect(line.contains("Invalid username or password"))
    for secret in [password, SimulatorCredentials.demo.clientSecret] {
      #expect(!result.standardError.contains(secret))
      #expect(!result.standardOutput.contains(secret))
    }
    #expect(statistics.tokenRequests == 1)
    #expect(statistics.sessionLogins == 1)
    #expect(statistics.deviceListRequests == 0)
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test("a wrong account: exit 1 with the API's message, previous report intact")
  func wrongAccount() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let out = directory.path("latest").path
    let (first, second) = try await SimulatorLauncher.withSimulator(
      SimulatorConfiguration(fleet: Self.fleet)
    ) { _, url in
      let runner = BinaryRunner(
        environment: BinaryRunner.environment(adding: SimulatorLauncher.loginEnvironment()))
      let first = try await runner.run(Self.arguments(url, out: out))
      let before = try Data(contentsOf: URL(fileURLWithPath: out + "/report.html"))
      let second = try await runner.run(Self.arguments(url, account: "0000000000-00009", out: out))
      #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/report.html")) == before)
      return (first, second)
    }
    #expect(first.exitCode == 0, "\(first.standardError)")
    #expect(second.exitCode == 1)
    #expect(second.errorLines.count == 1)
    #expect(second.errorLines.first?.contains("AccountNotFound: Account 0000000000-00009 not found.") == true)
    #expect(second.errorLines.first?.contains("after 0 pages") == true)
  }

  @Test("no credentials and no --demo: exit 64 naming the variables")
  func noCredentials() async throws {
    let runner = BinaryRunner(environment: BinaryRunner.environment())
    let result = try await runner.run(["run", "--account", "0242078698-00001"])
    #expect(result.exitCode == 64)
    for variable in [
      "THINGSPACE_BEARER_TOKEN", "THINGSPACE_SESSION_TOKEN", "THINGSPACE_CLIENT_ID",
      "THINGSPACE_CLIENT_SECRET", "THINGSPACE_USERNAME", "THINGSPACE_PASSWORD",
    ] {
      #expect(result.standardError.contains(variable), "\(variable)")
    }
  }

  @Test("thingspace-simulator --port 0 picks a free port and says which")
  func simulatePrintsPort() async throws {
    let process = Process()
    process.executableURL = RepositoryPaths.simulatorExecutable
    process.arguments = ["--port", "0", "--devices", "10", "--log-level", "error"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let printed = await HelperProcess.firstLine(of: output.fileHandleForReading)
    process.terminate()
    await process.exited()
    let line = try #require(printed)
    #expect(line.hasPrefix("ThingSpace simulator listening on http://127.0.0.1:"))
    let port = line.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
    #expect(port > 0)
  }
}

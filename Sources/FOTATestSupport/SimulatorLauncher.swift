import FOTACollect
import FOTAFleet
import FOTASimulator
import Foundation
import Logging
import ThingSpaceAPI

/// Starts the ThingSpace simulator on a free loopback port for the length of a test.
public enum SimulatorLauncher {
  /// Runs `body` with a simulator of `configuration` and its base URL, then stops it.
  public static func withSimulator<Result: Sendable>(
    _ configuration: SimulatorConfiguration,
    _ body: @Sendable (ThingSpaceSimulator, URL) async throws -> Result
  ) async throws -> Result {
    var logger = Logger(label: "simulator")
    logger.logLevel = .critical
    let simulator = ThingSpaceSimulator(configuration: configuration, logger: logger)
    return try await simulator.withRunning { url in try await body(simulator, url) }
  }

  /// The demo credentials, to log in to the simulator.
  public static let demoLogin = ThingSpaceCredentials.login(
    clientId: SimulatorCredentials.demo.clientId, clientSecret: SimulatorCredentials.demo.clientSecret,
    username: SimulatorCredentials.demo.username, password: SimulatorCredentials.demo.password)

  /// The demo credentials as the environment variables `run` reads.
  public static func loginEnvironment(password: String = SimulatorCredentials.demo.password)
    -> [String: String]
  {
    let credentials = SimulatorCredentials.demo
    return [
      "THINGSPACE_CLIENT_ID": credentials.clientId, "THINGSPACE_CLIENT_SECRET": credentials.clientSecret,
      "THINGSPACE_USERNAME": credentials.username, "THINGSPACE_PASSWORD": password,
    ]
  }
}

import ArgumentParser
import FOTAFleet
import FOTAModel
import FOTASimulator
import Foundation
import Logging

/// `thingspace-simulator`: the in-repo ThingSpace, for trying the job's live path without the real
/// API, and for the end-to-end tests.
@main
struct SimulatorCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "thingspace-simulator",
    abstract: "Serve the synthetic fleet over HTTP as ThingSpace does, faults included.",
    discussion: """
      Serves the device list, the OAuth2 token endpoint and the session login on HOST:PORT until \
      interrupted, for the demo fleet's seed and size. Point `run --base-url` at it with the \
      printed credentials. Faults fire deterministically on every Nth device-list request.
      """
  )

  @Option(help: "Port to listen on; 0 picks a free one and prints it.")
  var port = 0

  @Option(help: "Address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "Records in the fleet.")
  var devices = 25_000

  @Option(help: "Seed of the fleet.")
  var seed: UInt64 = 42

  @Option(
    help: ArgumentHelp(
      "Serve N accounts: the first is the demo's, account K (0242078698-0000K) has a fleet of its own "
        + "(seed + K - 1) and a user of its own, printed at the start.",
      valueName: "N"))
  var accounts = 1

  @Option(help: "Serve the fleet as it looks K nights later (upgrades, new and removed devices).")
  var night = 0

  @Option(
    name: .customLong("latency-ms"),
    help: "Delay before each data answer (device list, firmware list, license pool, upgrade reports).")
  var latencyMilliseconds = 0

  @Option(name: .customLong("fail-every"), help: "Answer every Nth device-list request with HTTP 500.")
  var failEvery: Int?

  @Option(name: .customLong("ratelimit-every"), help: "Answer every Nth device-list request with HTTP 429.")
  var rateLimitEvery: Int?

  @Option(name: .customLong("retry-after"), help: "Seconds of Retry-After sent with a 429.")
  var retryAfter = 1

  @Option(name: .customLong("drop-every"), help: "Cut every Nth device-list answer off mid-body.")
  var dropEvery: Int?

  @Option(name: .customLong("token-ttl"), help: "Device-list requests a bearer token serves.")
  var tokenTTL: Int?

  @Option(name: .customLong("session-ttl"), help: "Device-list requests a session serves.")
  var sessionTTL: Int?

  @Option(
    name: .customLong("stall-cursor-from"),
    help: "From the Nth device-list request on, repeat startIndex as lastSeenDeviceId.")
  var stallCursorFrom: Int?

  @Option(
    name: .customLong("stall-head"),
    help: ArgumentHelp(
      "Hold back every answer of ENDPOINT (token, session, device-list, firmware, licenses, "
        + "upgrade-reports) for "
        + "--stall-seconds before answering (repeatable).",
      valueName: "ENDPOINT"))
  var stallHead: [String] = []

  @Option(name: .customLong("stall-seconds"), help: "How long --stall-head holds an answer back.")
  var stallSeconds = 3_600

  @Option(
    name: .customLong("trickle-body"),
    help: ArgumentHelp(
      "Send every answer of ENDPOINT one body byte every --trickle-ms milliseconds (repeatable).",
      valueName: "ENDPOINT"))
  var trickleBody: [String] = []

  @Option(name: .customLong("trickle-ms"), help: "The pause before each byte of a --trickle-body answer.")
  var trickleMilliseconds = 1_000

  @Option(
    name: .customLong("remove-imei"),
    help: ArgumentHelp(
      "A device that has left the account: not listed, and refused as startIndex (repeatable).",
      valueName: "IMEI"))
  var removedIMEIs: [String] = []

  @Option(help: "lastSeenDeviceId as a JSON number, string, or alternating.")
  var cursor: CursorStyleArgument = .init(style: .alternating)

  @Option(
    name: .customLong("log-level"),
    help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "LEVEL"))
  var logLevel: Logger.Level = .info

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
    guard devices >= 0 else { throw ValidationError("--devices must not be negative") }
    guard night >= 0 else { throw ValidationError("--night must not be negative") }
    guard (1...99_999).contains(accounts) else {
      throw ValidationError("--accounts must be between 1 and 99999")
    }
    for (name, value) in [
      ("--fail-every", failEvery), ("--ratelimit-every", rateLimitEvery), ("--drop-every", dropEvery),
      ("--token-ttl", tokenTTL), ("--session-ttl", sessionTTL), ("--stall-cursor-from", stallCursorFrom),
    ] {
      if let value, value < 1 { throw ValidationError("\(name) must be at least 1") }
    }
    for name in stallHead + trickleBody where SlowAnswer.Endpoint(rawValue: name) == nil {
      throw ValidationError(
        "unknown endpoint \(name): give one of "
          + SlowAnswer.Endpoint.allCases.map(\.rawValue).joined(separator: ", "))
    }
    guard stallSeconds >= 1, trickleMilliseconds >= 1 else {
      throw ValidationError("--stall-seconds and --trickle-ms must be at least 1")
    }
  }

  /// The slow answers asked for, by endpoint.
  var slowAnswers: [SlowAnswer.Endpoint: SlowAnswer] {
    var answers: [SlowAnswer.Endpoint: SlowAnswer] = [:]
    for name in stallHead {
      answers[SlowAnswer.Endpoint(rawValue: name)!] = .stalledHead(.seconds(stallSeconds))
    }
    for name in trickleBody {
      answers[SlowAnswer.Endpoint(rawValue: name)!] = .tricklingBody(
        interval: .milliseconds(trickleMilliseconds))
    }
    return answers
  }

  func run() async throws {
    LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
    var logger = Logger(label: "thingspace-simulator")
    logger.logLevel = logLevel
    let fleet = SyntheticFleet(seed: seed, deviceCount: devices)
    var configuration = SimulatorConfiguration(fleet: fleet)
    configuration.night = night
    configuration.latency = .milliseconds(latencyMilliseconds)
    configuration.failEvery = failEvery
    configuration.rateLimitEvery = rateLimitEvery
    configuration.retryAfterSeconds = retryAfter
    configuration.dropEvery = dropEvery
    configuration.tokenTTL = tokenTTL
    configuration.sessionTTL = sessionTTL
    configuration.stallCursorFrom = stallCursorFrom
    configuration.cursorStyle = cursor.style
    configuration.removedIMEIs = Set(removedIMEIs)
    configuration.slowAnswers = slowAnswers
    configuration.otherAccounts = (max(accounts, 1) > 1 ? Array(2...accounts) : []).map {
      SimulatedAccount.demo(number: $0, seed: seed, devices: devices)
    }
    let simulator = ThingSpaceSimulator(configuration: configuration, logger: logger)
    let credentials = configuration.credentials
    let otherAccounts = configuration.otherAccounts
    do {
      try await simulator.run(host: host, port: port) { port in
        var banner = """
          ThingSpace simulator listening on http://\(host):\(port) (account \(fleet.account), \(devices) records)
          THINGSPACE_CLIENT_ID=\(credentials.clientId) THINGSPACE_CLIENT_SECRET=\(credentials.clientSecret) \
          THINGSPACE_USERNAME=\(credentials.username) THINGSPACE_PASSWORD=\(credentials.password)

          """
        for other in otherAccounts {
          let user = other.credentials
          banner += """
            account \(other.fleet.account): THINGSPACE_CLIENT_ID=\(user.clientId) \
            THINGSPACE_CLIENT_SECRET=\(user.clientSecret) THINGSPACE_USERNAME=\(user.username) \
            THINGSPACE_PASSWORD=\(user.password)

            """
        }
        FileHandle.standardOutput.write(Data(banner.utf8))
      }
    } catch {
      FileHandle.standardError.write(Data("thingspace-simulator: error: \(ErrorText.describe(error))\n".utf8))
      throw ExitCode.failure
    }
  }
}

import ArgumentParser
import FOTACollect
import FOTAJob
import Foundation
import ThingSpaceAPI

/// Where the night's pages come from.
struct SourceOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Run every account of a TOML config file (top-level keys are every account's defaults, each "
        + "[[account]] table one account, keys are these options' long names); options given beside "
        + "it replace the file's top-level keys. See the README's config file reference.",
      valueName: "FILE"))
  var config: String?

  @Option(
    name: .customLong("from-pages"),
    help: ArgumentHelp(
      "Read saved device-list pages: every *.json file in DIR, in file-name order.",
      valueName: "DIR"))
  var fromPages: String?

  @Flag(help: "Use the built-in deterministic demo fleet.")
  var demo = false

  @Option(name: .customLong("demo-devices"), help: "Records in the demo fleet.")
  var demoDevices = 25_000

  @Option(help: "Seed of the demo fleet.")
  var seed: UInt64 = 42

  @Option(
    help: ArgumentHelp(
      "The demo fleet as it looks K nights later (upgrades, new and removed devices); without --as-of "
        + "dated K days after the demo's night 0, so a loop over K builds K nights of history.",
      valueName: "K"))
  var night = 0

  @Option(
    help: ArgumentHelp(
      "The ThingSpace account, leading zeros included; saved pages must belong to it.",
      valueName: "ACCOUNT"))
  var account: String?

  @Option(
    name: .customLong("base-url"),
    help: ArgumentHelp("The ThingSpace API's base URL.", valueName: "URL"))
  var baseURL = "https://thingspace.verizon.com"

  @Option(name: .customLong("max-attempts"), help: "Attempts per HTTP request, the first included.")
  var maxAttempts = 5

  @Option(
    help: ArgumentHelp(
      "Seconds one attempt at a request may take as a whole (connecting, the answer's head and its "
        + "whole body; an attempt idle for min(SECONDS, 30) fails sooner), for every ThingSpace "
        + "request and the SMTP conversation.",
      valueName: "SECONDS"))
  var timeout = 60

  @Option(
    help: ArgumentHelp(
      "How long the whole night may take (6h, 90m, 45s; 0 for no limit): past it the night stops as "
        + "on SIGTERM, publishes nothing and exits 1, so that a night never runs into the next one.",
      valueName: "DURATION"))
  var deadline = DurationArgument(duration: .seconds(6 * 3_600))

  @Option(
    help: ArgumentHelp(
      "Walk the live device list in up to N ranges at once, split at last night's IMEIs from the "
        + "history (1: one walk; without history the walk is sequential).",
      valueName: "N"))
  var parallel = RunConfiguration.defaultParallel

  @Option(
    name: .customLong("client-type"),
    help: ArgumentHelp("Only devices of this client type (OMADM or LWM2M).", valueName: "TYPE"))
  var clientType: ClientTypeArgument?

  @Option(
    name: .customLong("save-pages"),
    help: ArgumentHelp(
      "Keep every page exactly as read in DIR (which must hold no .json files), for --from-pages.",
      valueName: "DIR"))
  var savePages: String?

  func validate() throws {
    // Each account of a config file is checked as a command line of its own.
    if config != nil { return }
    switch (fromPages, demo) {
    case (nil, false):
      guard account != nil else {
        throw ValidationError("give --account ACCOUNT (live API), --from-pages DIR or --demo")
      }
      guard credentials != nil else {
        throw ValidationError(
          "no ThingSpace credentials: set \(ThingSpaceCredentials.tokenVariables.joined(separator: " and ")), "
            + "or all of \(ThingSpaceCredentials.loginVariables.joined(separator: ", ")); or use --demo")
      }
      if case .failure(let problem) = BaseURLPolicy.check(baseURL) {
        throw ValidationError(problem.description)
      }
    case (.some, true):
      throw ValidationError("--from-pages and --demo cannot be used together")
    default:
      break
    }
    guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1") }
    guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 second") }
    guard (1...RunConfiguration.maximumParallel).contains(parallel) else {
      throw ValidationError("--parallel must be between 1 and \(RunConfiguration.maximumParallel)")
    }
    guard demoDevices >= 0 else { throw ValidationError("--demo-devices must not be negative") }
    guard night >= 0 else { throw ValidationError("--night must not be negative") }
    if let account, account.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--account must not be empty")
    }
  }

  /// Credentials from the environment (or an account's credentials file), never from arguments.
  var credentials: ThingSpaceCredentials? {
    CredentialEnvironment.credentials
  }

  var resolved: RunConfiguration.Source {
    if let fromPages { return .pages(directory: URL(fileURLWithPath: fromPages)) }
    if demo { return .demo(seed: seed, devices: demoDevices, night: night) }
    let url = (try? BaseURLPolicy.check(baseURL).get()) ?? URL(string: "https://thingspace.verizon.com")!
    return .api(baseURL: url, account: account ?? "", credentials: credentials!)
  }

  var retryPolicy: RetryPolicy {
    RetryPolicy(maxAttempts: maxAttempts, timeout: .seconds(timeout))
  }
}

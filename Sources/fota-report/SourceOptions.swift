import ArgumentParser
import FOTAFleet
import FOTAReport
import Foundation
import ThingSpaceAPI

/// Where the night's pages come from.
struct SourceOptions: ParsableArguments {
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
      "The ThingSpace account, leading zeros included; saved pages must belong to it.",
      valueName: "ACCOUNT"))
  var account: String?

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
    switch (fromPages, demo) {
    case (nil, false):
      throw ValidationError(
        "give --from-pages DIR or --demo (live collection from the ThingSpace API is not built yet)")
    case (.some, true):
      throw ValidationError("--from-pages and --demo cannot be used together")
    default:
      break
    }
    guard demoDevices >= 0 else { throw ValidationError("--demo-devices must not be negative") }
    if let account, account.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--account must not be empty")
    }
  }

  var resolved: RunConfiguration.Source {
    if let fromPages { return .pages(directory: URL(fileURLWithPath: fromPages)) }
    return .demo(seed: seed, devices: demoDevices)
  }
}

/// `--client-type` values, case-insensitive.
struct ClientTypeArgument: ExpressibleByArgument {
  let value: ClientType

  init?(argument: String) {
    guard let value = ClientType(rawValue: argument.uppercased()) else { return nil }
    self.value = value
  }

  static var allValueStrings: [String] { ClientType.allCases.map(\.rawValue) }
}

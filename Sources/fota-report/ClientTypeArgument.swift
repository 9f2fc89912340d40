import ArgumentParser
import ThingSpaceAPI

/// `--client-type` values, case-insensitive.
struct ClientTypeArgument: ExpressibleByArgument {
  let value: ClientType

  init?(argument: String) {
    guard let value = ClientType(rawValue: argument.uppercased()) else { return nil }
    self.value = value
  }

  static var allValueStrings: [String] { ClientType.allCases.map(\.rawValue) }
}

import FOTACollect
import Foundation

/// Where a night's `THINGSPACE_*` credentials come from: the process's environment, or, for an
/// account of a config file with a `credentials` file, that file's variables in their place.
enum CredentialEnvironment {
  /// The variables credentials are read from, for the task at hand.
  @TaskLocal static var current: [String: String] = ProcessInfo.processInfo.environment

  /// The process's environment with its `THINGSPACE_*` variables replaced by `variables`, so that
  /// an account's file never mixes with the environment's credentials.
  static func replacing(with variables: [String: String]) -> [String: String] {
    ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("THINGSPACE_") }
      .merging(variables) { _, file in file }
  }

  /// The credentials of the task at hand.
  static var credentials: ThingSpaceCredentials? {
    ThingSpaceCredentials.fromEnvironment(current)
  }
}

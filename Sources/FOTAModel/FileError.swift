import Foundation

/// A file the job could not read or write, with the path and the cause in plain words
/// (`cannot write /srv/reports/.latest.staging-1a2b/.devices.spool: no space left on device`).
public struct FileError: Error, Equatable, LocalizedError {
  /// What the job was doing: `write`, `read`, `create`.
  public var action: String
  public var path: String
  public var cause: String

  /// Creates the error for `path` from what the system threw.
  public init(_ action: String, _ path: String, _ error: any Error) {
    self.action = action
    self.path = path
    self.cause = ErrorText.cause(error)
  }

  public var errorDescription: String? { "cannot \(action) \(path): \(cause)" }
}

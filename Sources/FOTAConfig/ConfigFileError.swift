/// A mistake in the config file or a credentials file it names: one line, `FILE:LINE: what`, so
/// an editor jumps to it. Every one exits 64 before any request.
public struct ConfigFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file the mistake is in.
  public let path: String
  /// Its line, 1-based; `nil` when the mistake is the file as a whole (unreadable, no accounts)
  /// or comes from the command line.
  public let line: Int?
  /// What is wrong, in plain words.
  public let message: String

  /// Creates an error at `line` of `path`.
  public init(path: String, line: Int?, _ message: String) {
    self.path = path
    self.line = line
    self.message = message
  }

  public var description: String {
    if let line { return "\(path):\(line): \(message)" }
    return "\(path): \(message)"
  }
}

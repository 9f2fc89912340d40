import Foundation

/// Runs the built `fota-report` executable and captures what it printed.
public struct BinaryRunner: Sendable {
  /// What one run printed and how it ended.
  public struct Result: Sendable {
    public var exitCode: Int32
    public var standardOutput: String
    public var standardError: String

    /// Standard error without log lines (those with a level tag): the user-facing messages.
    public var errorLines: [String] {
      standardError.split(separator: "\n").map(String.init).filter { $0.hasPrefix("fota-report:") }
    }
  }

  public let executable: URL
  public var environment: [String: String]

  /// The environment without any ThingSpace credentials, plus `extra`.
  public static func environment(adding extra: [String: String] = [:]) -> [String: String] {
    ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("THINGSPACE_") }
      .merging(extra) { $1 }
  }

  /// Creates a runner for the repository's build of `fota-report`.
  public init(
    executable: URL = RepositoryPaths.executable,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.executable = executable
    self.environment = environment
  }

  /// Runs with `arguments` in `directory` and waits for the exit on a thread of its own
  /// (``OffPool``), so that servers in this process (the simulator) keep answering meanwhile.
  public func run(_ arguments: [String], in directory: URL? = nil) async throws -> Result {
    try await OffPool.run { try self.runBlocking(arguments, in: directory) }
  }

  private func runBlocking(_ arguments: [String], in directory: URL?) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = environment
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes to the end before waiting, so a chatty child never blocks on a full pipe.
    let errorData = ReadAll(error.fileHandleForReading)
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitWithoutSpinning()
    return Result(
      exitCode: process.terminationStatus,
      standardOutput: String(decoding: outputData, as: UTF8.self),
      standardError: String(decoding: errorData.wait(), as: UTF8.self))
  }
}

/// Reads a file handle to its end on a thread of its own.
private final class ReadAll: @unchecked Sendable {
  private let condition = NSCondition()
  private var data: Data?

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      let all = handle.readDataToEndOfFile()
      condition.lock()
      data = all
      condition.signal()
      condition.unlock()
    }
  }

  func wait() -> Data {
    condition.lock()
    defer { condition.unlock() }
    while data == nil { condition.wait() }
    return data!
  }
}

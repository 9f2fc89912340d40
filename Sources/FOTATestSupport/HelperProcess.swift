import Foundation

/// A helper script from `Tests/Support` that prints the port it listens on, then serves until its
/// standard input closes: the SMTP sink, the closing proxy.
public enum HelperProcess {
  /// `Tests/Support`.
  public static var folder: URL { RepositoryPaths.root.appendingPathComponent("Tests/Support") }

  /// Runs `script` with `arguments` for the length of `body`, which gets the port it listens on.
  public static func withRunning<Result>(
    _ script: String, _ arguments: [String], _ body: (Int) async throws -> Result
  ) async throws -> Result {
    let process = TestPython.process(script, arguments)
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    let result: Swift.Result<Result, any Error>
    let line = await firstLine(of: output.fileHandleForReading) ?? ""
    if let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) {
      do {
        result = .success(try await body(port))
      } catch {
        result = .failure(error)
      }
    } else {
      result = .failure(HelperError.noPort(script: script, printed: line))
    }
    try? input.fileHandleForWriting.close()
    await process.exited()
    return try result.get()
  }

  /// The first line a process prints, read on a thread of its own so servers in this process
  /// keep answering meanwhile; `nil` when it ends without one.
  public static func firstLine(of handle: FileHandle) async -> String? {
    let handle = UncheckedHandle(handle: handle)
    return await OffPool.run {
      var data = Data()
      while !data.contains(UInt8(ascii: "\n")) {
        let chunk = handle.handle.availableData
        if chunk.isEmpty { break }
        data += chunk
      }
      return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init)
    }
  }

  /// The helper did not say which port it listens on.
  public enum HelperError: Error {
    case noPort(script: String, printed: String)
  }
}

/// A file handle handed to the reading thread; only that thread reads it.
private struct UncheckedHandle: @unchecked Sendable {
  let handle: FileHandle
}

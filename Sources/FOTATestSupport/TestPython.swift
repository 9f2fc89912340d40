import Foundation

/// The Python the test helpers run with: `FOTA_TEST_PYTHON` when set, else Debian's
/// `/usr/bin/python3`, where `.ci/bootstrap --tests` installs `python3-aiosmtpd` and
/// `python3-openpyxl` (no pip: it works where the system Python is externally managed).
public enum TestPython {
  /// The interpreter's path, or `python3` looked up on `PATH`.
  public static var interpreter: String {
    if let chosen = ProcessInfo.processInfo.environment["FOTA_TEST_PYTHON"], !chosen.isEmpty { return chosen }
    return FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3"
  }

  /// A process that runs `Tests/Support/<script>` with `arguments`.
  public static func process(_ script: String, _ arguments: [String]) -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [interpreter, HelperProcess.folder.appendingPathComponent(script).path] + arguments
    return process
  }

  /// Runs `Tests/Support/<script>` with `arguments` to the end and returns what it printed.
  public static func output(_ script: String, _ arguments: [String]) async throws -> Data {
    try await OffPool.run { try outputBlocking(script, arguments) }
  }

  private static func outputBlocking(_ script: String, _ arguments: [String]) throws -> Data {
    let process = process(script, arguments)
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitWithoutSpinning()
    return data
  }
}

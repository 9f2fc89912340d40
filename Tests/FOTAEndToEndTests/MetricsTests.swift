import FOTATestSupport
import Foundation
import Testing

/// `--metrics-file` for node_exporter's textfile collector: valid for promtool, mode 0644 whatever
/// the umask, replaced atomically, rewritten by a failed night with the last success kept; and
/// `--log-format json`.
@Suite("monitoring")
struct MetricsTests {
  static let promtool = "/usr/bin/promtool"

  static func arguments(_ directory: TemporaryDirectory, night: Int, extra: [String] = []) -> [String] {
    [
      "run", "--demo", "--demo-devices", "2000", "--night", String(night), "--out",
      directory.path("latest").path,
      "--history", directory.path("history.sqlite").path, "--metrics-file", directory.path("fota.prom").path,
      "--templates", RepositoryPaths.templates.path,
    ] + extra
  }

  static func value(_ text: String, _ name: String) -> String? {
    text.split(separator: "\n").first { $0.hasPrefix("\(name){") }.map {
      String($0.split(separator: " ").last!)
    }
  }

  static func check(_ file: URL) async throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: promtool)
    process.arguments = ["check", "metrics"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
    input.fileHandleForWriting.write(try Data(contentsOf: file))
    try input.fileHandleForWriting.close()
    let handle = output.fileHandleForReading
    let text = await OffPool.run { handle.readDataToEndOfFile() }
    await process.exited()
    return (process.terminationStatus, String(decoding: text, as: UTF8.self))
  }

  @Test("a published night, then a failed one: promtool accepts both; the failed one keeps the last success")
  func publishedThenFailed() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = directory.path("fota.prom")
    let runner = BinaryRunner()
    #expect(try await runner.run(Self.arguments(directory, night: 0)).exitCode == 0)
    let first = try String(contentsOf: file, encoding: .utf8)
    let (status, output) = try await Self.check(file)
    #expect(status == 0, "promtool: \(output)")
    #expect(output.isEmpty, "promtool: \(output)")
    let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
    #expect(mode == 0o644)
    #expect(Self.value(first, "fota_report_last_run_exit_code") == "0")
    #expect(Self.value(first, "fota_report_devices") != nil)
    #expect(Self.value(first, "fota_report_changed_devices") == "0")

    // The old file stays whole for a reader that has it open: the new one is renamed over it.
    let reader = try FileHandle(forReadingFrom: file)
    defer { try? reader.close() }

    // Night 1 refused: the fleet cannot shrink by more than half (1,000 devices after 2,000).
    let failed = try await runner.run(
      Self.arguments(directory, night: 1).map { $0 == "2000" ? "900" : $0 })
    #expect(failed.exitCode == 1, "\(failed.standardError)")
    let second = try String(contentsOf: file, encoding: .utf8)
    #expect(try await Self.check(file).0 == 0)
    #expect(Self.value(second, "fota_report_last_run_exit_code") == "1")
    #expect(
      Self.value(second, "fota_report_last_success_timestamp_seconds")
        == Self.value(first, "fota_report_last_success_timestamp_seconds"))
    #expect(Self.value(second, "fota_report_devices") == Self.value(first, "fota_report_devices"))
    #expect(
      Self.value(second, "fota_report_last_run_timestamp_seconds")
        != Self.value(first, "fota_report_last_run_timestamp_seconds"))
    #expect(String(decoding: try reader.readToEnd() ?? Data(), as: UTF8.self) == first)
    let beside = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
    #expect(beside.filter { $0.contains(".tmp-") }.isEmpty, "\(beside)")
  }

  @Test("--log-format json: every line on standard error is one JSON object with time, level and message")
  func jsonLogs() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let runner = BinaryRunner()
    let good = try await runner.run(Self.arguments(directory, night: 0, extra: ["--log-format", "json"]))
    #expect(good.exitCode == 0)
    let bad = try await runner.run([
      "run", "--from-pages", directory.path("none").path, "--out", directory.path("other").path,
      "--no-history",
      "--log-format", "json", "--templates", RepositoryPaths.templates.path,
    ])
    #expect(bad.exitCode != 0)
    let lines = (good.standardError + bad.standardError).split(separator: "\n")
    #expect(lines.count > 3)
    for line in lines {
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      #expect(
        object?["time"] is String && object?["level"] is String && object?["message"] is String, "\(line)")
    }
    #expect(
      lines.contains { $0.contains("\"level\":\"error\"") && $0.contains("cannot read the page directory") })
  }
}

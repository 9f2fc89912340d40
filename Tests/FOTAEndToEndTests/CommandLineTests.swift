import FOTAPublish
import FOTATestSupport
import Foundation
import Testing

@Suite("command line")
struct CommandLineTests {
  let runner = BinaryRunner()

  @Test("the demo runs and publishes every file")
  func demo() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let out = directory.path("latest").path
    let result = try runner.run([
      "run", "--demo", "--demo-devices", "700", "--out", out, "--as-of", "2026-11-01",
      "--templates", RepositoryPaths.templates.path, "--history", directory.path("history.sqlite").path,
    ])
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(result.standardOutput.isEmpty)
    let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(
      files == [
        "by-firmware.csv", "by-model-firmware.csv", "by-model.csv", "campaigns", "changes.csv", "devices.csv",
        "license-reclaim.csv", "readiness.csv", "report.html", "report.xml", "run.json", "trend.csv",
        "upgrade-age.csv", "upgrade-plan.csv",
      ])
    #expect(FileManager.default.fileExists(atPath: directory.path("history.sqlite").path))
  }

  @Test(
    "bad usage exits 64 with a message",
    arguments: [
      (["run"], "--from-pages"),
      (["run", "--demo", "--from-pages", "x"], "cannot be used together"),
      (["run", "--demo", "--as-of", "yesterday"], "--as-of"),
      (["run", "--demo", "--formats", "csv,pdf"], "--formats"),
      (["run", "--demo", "--client-type", "HTTP"], "--client-type"),
      (["run", "--demo", "--account", " "], "--account"),
    ])
  func usage(arguments: [String], mentions: String) throws {
    let result = try runner.run(arguments)
    #expect(result.exitCode == 64)
    #expect(result.standardError.contains(mentions), "\(result.standardError)")
  }

  @Test("a failure exits 1 with one line and no stack trace, and keeps the previous report")
  func failure() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let out = directory.path("latest").path
    let ok = try runner.run([
      "run", "--demo", "--demo-devices", "50", "--out", out, "--as-of", "2026-11-01",
      "--templates", RepositoryPaths.templates.path, "--no-history",
    ])
    #expect(ok.exitCode == 0)
    let before = try Data(contentsOf: URL(fileURLWithPath: out + "/report.html"))

    let missing = try runner.run([
      "run", "--from-pages", directory.path("nowhere").path, "--out", out,
      "--templates", RepositoryPaths.templates.path, "--no-history",
    ])
    #expect(missing.exitCode == 1)
    #expect(missing.errorLines.count == 1)
    #expect(missing.errorLines.first?.hasPrefix("fota-report: error: cannot read the page directory") == true)
    #expect(!missing.standardError.contains("Fatal error"))

    // A broken template is found before anything is collected: refused with 64; the old report stays.
    let templates = directory.path("templates")
    try FileManager.default.copyItem(at: RepositoryPaths.templates, to: templates)
    try Data("{{#unclosed}} section".utf8).write(to: templates.appendingPathComponent("report.mustache"))
    let broken = try runner.run([
      "run", "--demo", "--demo-devices", "60", "--out", out, "--templates", templates.path, "--no-history",
    ])
    #expect(broken.exitCode == 64)
    #expect(broken.errorLines.count == 1)
    #expect(broken.errorLines.first?.contains("template report.mustache is invalid") == true)
    #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/report.html")) == before)
  }

  @Test("a run while another holds the report folder exits 75, naming it; nothing is touched")
  func busy() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let out = directory.path("latest")
    let held = try RunLock.acquire(out, purpose: "the 02:15 run")
    defer { withExtendedLifetime(held) {} }
    let result = try runner.run([
      "run", "--demo", "--demo-devices", "50", "--out", out.path, "--no-history", "--templates",
      RepositoryPaths.templates.path,
    ])
    #expect(result.exitCode == 75)
    #expect(result.errorLines.count == 1)
    #expect(result.errorLines.first?.contains("is in use by another run (fota-report pid") == true)
    #expect(result.errorLines.first?.contains("the 02:15 run") == true)
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test("a history that cannot be used: the report is published, the command exits 4 and says why")
  func historyUnusable() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let history = directory.path("history.sqlite")
    try Data(repeating: 0x5A, count: 4096).write(to: history)
    let result = try runner.run([
      "run", "--demo", "--demo-devices", "50", "--out", directory.path("latest").path, "--history",
      history.path,
      "--templates", RepositoryPaths.templates.path,
    ])
    #expect(result.exitCode == 4)
    #expect(result.errorLines.count == 1)
    #expect(
      result.errorLines.first?.contains("the report was published, but history: the history database") == true
    )
    #expect(FileManager.default.fileExists(atPath: directory.path("latest/report.html").path))
    #expect(try Data(contentsOf: history) == Data(repeating: 0x5A, count: 4096))
  }

  @Test("--help is the manual")
  func help() throws {
    let result = try runner.run(["run", "--help"])
    #expect(result.exitCode == 0)
    for option in [
      "--from-pages", "--demo", "--out", "--as-of", "--client-type", "--formats", "--templates",
      "--save-pages", "--xml-devices",
    ] {
      #expect(result.standardOutput.contains(option), "\(option)")
    }
  }
}

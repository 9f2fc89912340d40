import FOTAPublish
import FOTATestSupport
import Foundation
import Testing

@Suite("command line")
struct CommandLineTests {
  let runner = BinaryRunner()

  @Test("the demo runs and publishes every file")
  func demo() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let out = directory.path("latest").path
    let result = try await runner.run([
      "run", "--demo", "--demo-devices", "700", "--out", out, "--as-of", "2026-11-01",
      "--templates", RepositoryPaths.templates.path, "--history", directory.path("history.sqlite").path,
    ])
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(result.standardOutput.isEmpty)
    let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(
      files == [
        "by-firmware.csv", "by-model-firmware.csv", "by-model.csv", "campaign-devices.csv",
        "campaign-outcomes.csv", "campaigns", "changes.csv", "devices.csv",
        "license-reclaim.csv", "readiness.csv", "report.html", "report.xlsx", "report.xml", "run.json",
        "trend.csv",
        "upgrade-age.csv", "upgrade-plan.csv",
      ])
    #expect(FileManager.default.fileExists(atPath: directory.path("history.sqlite").path))
  }

  @Test("demo nights without --as-of are dated a day apart, so a loop builds a history of them all")
  func demoNights() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let history = directory.path("history.sqlite").path
    for night in 0...2 {
      let result = try await runner.run([
        "run", "--demo", "--demo-devices", "3000", "--night", "\(night)", "--out",
        directory.path("latest").path,
        "--templates", RepositoryPaths.templates.path, "--history", history, "--no-plan",
      ])
      #expect(result.exitCode == 0, "\(result.standardError)")
    }
    let list = try await runner.run(["history", "list", "--history", history])
    let nights = list.standardOutput.split(separator: "\n").compactMap { line in
      ["2026-11-01", "2026-11-02", "2026-11-03"].first { line.contains($0) }
    }
    #expect(nights == ["2026-11-01", "2026-11-02", "2026-11-03"], "\(list.standardOutput)")
  }

  @Test("README command 1 needs no pip: .ci/bootstrap and run --demo with python3 and pip failing")
  func demoWithoutPip() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    // python3, pip and pip3 that only leave a mark and fail, first on PATH.
    let fake = directory.path("bin")
    try FileManager.default.createDirectory(at: fake, withIntermediateDirectories: true)
    let mark = directory.path("python-was-run")
    for name in ["python3", "python", "pip", "pip3"] {
      let script = fake.appendingPathComponent(name)
      try "#!/bin/sh\necho \"$0 $*\" >> '\(mark.path)'\necho 'pip is not available' >&2\nexit 1\n"
        .write(to: script, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    }
    var environment = ProcessInfo.processInfo.environment
    environment["PATH"] = fake.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
    let bootstrap = Process()
    bootstrap.executableURL = RepositoryPaths.root.appendingPathComponent(".ci/bootstrap")
    bootstrap.environment = environment
    try bootstrap.run()
    await bootstrap.exited()
    #expect(bootstrap.terminationStatus == 0)
    let result = try await BinaryRunner(environment: environment).run(
      ["run", "--demo", "--demo-devices", "1500", "--out", directory.path("latest").path, "--no-history"],
      in: RepositoryPaths.root)
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(!FileManager.default.fileExists(atPath: mark.path), "python or pip was run")
  }

  @Test("--version names the package's version and the commit of the checkout it was built in")
  func version() async throws {
    let result = try await runner.run(["--version"])
    #expect(result.exitCode == 0)
    let head = Process()
    head.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    head.arguments = ["-C", RepositoryPaths.root.path, "rev-parse", "HEAD"]
    let pipe = Pipe()
    head.standardOutput = pipe
    try head.run()
    await head.exited()
    let commit = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(result.standardOutput.hasPrefix("1."))
    #expect(result.standardOutput.contains("(commit \(commit.prefix(12)))"), "\(result.standardOutput)")
  }

  @Test("a run too short for a progress line still logs its rate at the end")
  func finalRate() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let result = try await runner.run([
      "run", "--demo", "--demo-devices", "2500", "--out", directory.path("latest").path, "--no-history",
      "--templates", RepositoryPaths.templates.path,
    ])
    #expect(result.exitCode == 0, "\(result.standardError)")
    let progress = result.standardError.split(separator: "\n").filter { $0.contains("progress=pages") }
    #expect(progress.count == 1)
    #expect(progress.first?.contains("pages 3 · records 2500 · ") == true, "\(result.standardError)")
    #expect(progress.first?.contains("records/s") == true)
  }

  @Test("on a terminal the live progress line is cleared before every log line")
  func progressOnTerminal() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    // script(1) (util-linux, in every Debian) gives the run a terminal and copies what it shows.
    let command = [
      RepositoryPaths.executable.path, "run", "--demo", "--demo-devices", "20000", "--no-history",
      "--out", directory.path("latest").path, "--templates", RepositoryPaths.templates.path,
    ].joined(separator: " ")
    let script = Process()
    script.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    script.arguments = ["-qfec", command, "/dev/null"]
    let pipe = Pipe()
    script.standardOutput = pipe
    try script.run()
    let handle = pipe.fileHandleForReading
    let shown = await OffPool.run { String(decoding: handle.readDataToEndOfFile(), as: UTF8.self) }
    await script.exited()
    #expect(script.terminationStatus == 0, "\(shown)")
    #expect(shown.contains("\r\u{1B}[2Kpages 20 · records 20000"), "\(shown)")
    // A terminal ends lines with CRLF, one Character in Swift: split on the line feeds' bytes.
    let logLines = shown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
      .filter { $0.contains(" fota-report: ") }
    #expect(logLines.count >= 3)
    for line in logLines {
      // What the terminal shows of the line: what follows the last clear.
      let visible = line.components(separatedBy: "\u{1B}[2K").last ?? ""
      #expect(visible.hasPrefix("20"), "a log line drawn over the progress line: \(line.debugDescription)")
    }
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
  func usage(arguments: [String], mentions: String) async throws {
    let result = try await runner.run(arguments)
    #expect(result.exitCode == 64)
    #expect(result.standardError.contains(mentions), "\(result.standardError)")
  }

  @Test("a failure exits 1 with one line and no stack trace, and keeps the previous report")
  func failure() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let out = directory.path("latest").path
    let ok = try await runner.run([
      "run", "--demo", "--demo-devices", "50", "--out", out, "--as-of", "2026-11-01",
      "--templates", RepositoryPaths.templates.path, "--no-history",
    ])
    #expect(ok.exitCode == 0)
    let before = try Data(contentsOf: URL(fileURLWithPath: out + "/report.html"))

    let missing = try await runner.run([
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
    let broken = try await runner.run([
      "run", "--demo", "--demo-devices", "60", "--out", out, "--templates", templates.path, "--no-history",
    ])
    #expect(broken.exitCode == 64)
    #expect(broken.errorLines.count == 1)
    #expect(broken.errorLines.first?.contains("template report.mustache is invalid") == true)
    #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/report.html")) == before)
  }

  @Test("a run while another holds the report folder exits 75, naming it; nothing is touched")
  func busy() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let out = directory.path("latest")
    let held = try RunLock.acquire(out, purpose: "the 02:15 run")
    defer { withExtendedLifetime(held) {} }
    let result = try await runner.run([
      "run", "--demo", "--demo-devices", "50", "--out", out.path, "--no-history", "--templates",
      RepositoryPaths.templates.path,
    ])
    #expect(result.exitCode == 75)
    #expect(result.errorLines.count == 1)
    #expect(result.errorLines.first?.contains("is in use by another run (fota-report pid") == true)
    #expect(result.errorLines.first?.contains("the 02:15 run") == true)
    // Who holds it: pid, host and start time, read from the lock file.
    #expect(
      result.errorLines.first?.contains("pid \(getpid()) on \(ProcessInfo.processInfo.hostName), started 20")
        == true)
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test("a history that cannot be used: the report is published, the command exits 4 and says why")
  func historyUnusable() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let history = directory.path("history.sqlite")
    try Data(repeating: 0x5A, count: 4096).write(to: history)
    let result = try await runner.run([
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
  func help() async throws {
    let result = try await runner.run(["run", "--help"])
    #expect(result.exitCode == 0)
    for option in [
      "--from-pages", "--demo", "--out", "--as-of", "--client-type", "--formats", "--templates",
      "--save-pages", "--xml-devices",
    ] {
      #expect(result.standardOutput.contains(option), "\(option)")
    }
  }
}

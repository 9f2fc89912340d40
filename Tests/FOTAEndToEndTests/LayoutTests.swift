import FOTATestSupport
import Foundation
import Testing

/// The report and the e-mail as people read them, laid out by headless Chromium: nothing wider
/// than the window, no text out of its box, chart labels readable and whole. Screenshots land in
/// `.build/test-artifacts/` (``BrowserLayout/artifacts``).
@Suite("layout in a real browser")
struct LayoutTests {
  let runner = BinaryRunner()

  @Test("Reports/example/report.html on a phone and on a desktop", arguments: [420, 1280])
  func example(width: Int) async throws {
    let page = RepositoryPaths.example.appendingPathComponent("report.html")
    let problems = try await BrowserLayout.check(page, width: width, screenshot: "example-report-\(width)")
    #expect(problems == [])
  }

  /// Three nights of the demo with history, planning and the e-mail: the trend chart, the changes
  /// and the alert line are in the pages checked.
  static func nights(in directory: TemporaryDirectory, runner: BinaryRunner) async throws -> URL {
    let out = directory.path("latest")
    for night in 0...2 {
      let result = try await runner.run([
        "run", "--demo", "--demo-devices", "6000", "--night", "\(night)", "--out", out.path,
        "--history", directory.path("history.sqlite").path, "--templates", RepositoryPaths.templates.path,
        "--email-to", "fleet@example.com", "--email-from", "fota@example.com",
        "--report-url", "https://reports.example.com/fota/latest/report.html", "--alert-drop", "0",
      ])
      #expect(result.exitCode == 0, "\(result.standardError)")
    }
    return out
  }

  @Test("a report with history and trends, and its e-mail, at every width")
  func withHistory() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let out = try await Self.nights(in: directory, runner: runner)
    let report = out.appendingPathComponent("report.html")
    for width in [420, 1280] {
      let problems = try await BrowserLayout.check(
        report, width: width, screenshot: "history-report-\(width)")
      #expect(problems == [], "report at \(width) px")
    }
    let email = directory.path("email.html")
    _ = try await TestPython.output(
      "extract_html.py", [out.appendingPathComponent("summary.eml").path, email.path])
    let html = try String(contentsOf: email, encoding: .utf8)
    #expect(html.contains("https://reports.example.com/fota/latest/report.html"))
    for width in [360, 600] {
      let problems = try await BrowserLayout.check(email, width: width, screenshot: "email-\(width)")
      #expect(problems == [], "e-mail at \(width) px")
    }
  }

  @Test("the fleet roll-up of a run of many accounts, one failed, at every width")
  func rollup() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let config = directory.path("fleet.toml")
    try """
    demo = true
    demo-devices = 4000
    no-history = true
    formats = ["csv", "html"]
    templates = "\(RepositoryPaths.templates.path)"
    rollup = "\(directory.path("all").path)"

    [[account]]
    name = "0242078698-00001"
    out = "\(directory.path("all-types").path)"

    [[account]]
    name = "0242078698-00001"
    client-type = "LWM2M"
    out = "\(directory.path("lwm2m").path)"

    [[account]]
    name = "0242078698-00009"
    demo = false
    from-pages = "\(directory.path("no-such-pages").path)"
    out = "\(directory.path("missing").path)"
    """.write(to: config, atomically: true, encoding: .utf8)
    let result = try await runner.run(["run", "--config", config.path])
    #expect(result.exitCode == 1, "\(result.standardError)")
    let page = directory.path("all/report.html")
    let html = try String(contentsOf: page, encoding: .utf8)
    #expect(html.contains("Accounts that failed tonight"))
    for width in [420, 1280] {
      let problems = try await BrowserLayout.check(page, width: width, screenshot: "rollup-\(width)")
      #expect(problems == [], "roll-up at \(width) px")
    }
  }
}

import FOTASimulator
import FOTATestSupport
import Foundation
import Testing

/// Mistakes in a config file: one line naming the file and line, exit 64, before any request.
@Suite("config file mistakes")
struct ConfigFileTests {
  /// A mistake: the file's text, the line it is on, and what the message must say.
  struct Mistake: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var line: Int?
    var says: String
    var testDescription: String { name }
  }

  static let top = """
    base-url = "http://127.0.0.1:9"
    no-history = true

    """

  static let mistakes: [Mistake] = [
    Mistake(
      name: "an unknown key near a known one",
      text: top + "[[account]]\nname = \"1-1\"\nout = \"OUT/a\"\nparalel = 2\n", line: 6,
      says: "unknown key paralel; did you mean parallel?"),
    Mistake(
      name: "an unknown key far from any",
      text: top + "colour = \"blue\"\n[[account]]\nname = \"1-1\"\nout = \"OUT/a\"\n", line: 3,
      says: "unknown key colour"),
    Mistake(
      name: "a value run refuses",
      text: top + "[[account]]\nname = \"1-1\"\nout = \"OUT/a\"\nparallel = \"four\"\n", line: 6,
      says: "account 1-1: The value 'four' is invalid for '--parallel <N>'"),
    Mistake(
      name: "a value out of range",
      text: top + "parallel = 99\n[[account]]\nname = \"1-1\"\nout = \"OUT/a\"\n", line: 3,
      says: "--parallel must be between 1 and 32"),
    Mistake(
      name: "a switch given a string",
      text: top + "[[account]]\nname = \"1-1\"\nout = \"OUT/a\"\nallow-drop = \"yes\"\n", line: 6,
      says: "allow-drop is true or false, not a string"),
    Mistake(
      name: "an option given true",
      text: top + "[[account]]\nname = \"1-1\"\nout = \"OUT/a\"\nhistory = true\n", line: 6,
      says: "history takes a value, not true or false"),
    Mistake(
      name: "an account without a name",
      text: top + "[[account]]\nout = \"OUT/a\"\n", line: 3,
      says: "this [[account]] has no name"),
    Mistake(
      name: "an account without out",
      text: top + "[[account]]\nname = \"1-1\"\n", line: 3,
      says: "account 1-1 has no out"),
    Mistake(
      name: "two accounts with one out",
      text: top
        + "[[account]]\nname = \"1-1\"\nout = \"OUT/a\"\n\n[[account]]\nname = \"1-2\"\nout = \"OUT/a\"\n",
      line: 9, says: "account 1-2 has the same out as the account at line 3"),
    Mistake(
      name: "one account and client type twice",
      text: top
        + "[[account]]\nname = \"1-1\"\nout = \"OUT/a\"\nclient-type = \"LWM2M\"\n\n"
        + "[[account]]\nname = \"1-1\"\nout = \"OUT/b\"\nclient-type = \"lwm2m\"\n",
      line: 8, says: "account 1-1 (lwm2m) is already the account at line 3"),
    Mistake(
      name: "the same account for two client types is fine, but a name at the top level is not",
      text: top + "name = \"1-1\"\n[[account]]\nname = \"1-1\"\nout = \"OUT/a\"\n", line: 3,
      says: "name belongs in each [[account]] table"),
    Mistake(
      name: "a whole-run option in an account",
      text: top + "[[account]]\nname = \"1-1\"\nout = \"OUT/a\"\nlog-level = \"debug\"\n", line: 6,
      says: "log-level applies to the whole run; set it at the top level"),
    Mistake(
      name: "the account option instead of name",
      text: top + "[[account]]\nname = \"1-1\"\nout = \"OUT/a\"\naccount = \"1-2\"\n", line: 6,
      says: "account cannot be set in a config file: each [[account]] table names its account with name"),
    Mistake(
      name: "a credentials file others can read",
      text: top + "[[account]]\nname = \"1-1\"\nout = \"OUT/a\"\ncredentials = \"OUT/open.env\"\n", line: 6,
      says: "can be read by others (mode 644)"),
    Mistake(
      name: "no accounts",
      text: top, line: nil, says: "no [[account]] table"),
    Mistake(
      name: "not TOML",
      text: top + "[[account]\nname = \"1-1\"\n", line: 3, says: "expected ']'"),
  ]

  @Test("each mistake is FILE:LINE and exit 64, and nothing is written", arguments: mistakes)
  func mistake(_ mistake: Mistake) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = FileManager.default.createFile(
      atPath: directory.path("open.env").path, contents: Data("THINGSPACE_PASSWORD=x\n".utf8),
      attributes: [.posixPermissions: 0o644])
    let config = directory.path("fleet.toml")
    try mistake.text.replacingOccurrences(of: "OUT/", with: directory.url.path + "/")
      .write(to: config, atomically: true, encoding: .utf8)
    // Credentials are set, so that what is refused is the file, never a missing variable.
    let runner = BinaryRunner(
      environment: BinaryRunner.environment(adding: SimulatorLauncher.loginEnvironment()))
    let result = try await runner.run([
      "run", "--config", config.path,
    ])
    #expect(result.exitCode == 64)
    #expect(result.errorLines.count == 1, "\(result.standardError)")
    let location = mistake.line.map { "\(config.path):\($0): " } ?? "\(config.path): "
    #expect(
      result.errorLines.first?.hasPrefix("fota-report: error: \(location)") == true, "\(result.errorLines)")
    #expect(result.errorLines.first?.contains(mistake.says) == true, "\(result.errorLines)")
    #expect(!FileManager.default.fileExists(atPath: directory.path("a").path))
  }

  @Test("options beside --config replace the file's top level; a bad one names the command line")
  func besideConfig() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let config = directory.path("fleet.toml")
    try (Self.top + "parallel = 99\n[[account]]\nname = \"1-1\"\nout = \"\(directory.path("a").path)\"\n")
      .write(to: config, atomically: true, encoding: .utf8)
    let runner = BinaryRunner(environment: BinaryRunner.environment())
    // --parallel 2 replaces the file's 99; the account then fails only for want of credentials.
    let replaced = try await runner.run(["run", "--config", config.path, "--parallel", "2"])
    #expect(replaced.exitCode == 64)
    #expect(
      replaced.errorLines.first?.contains("no ThingSpace credentials") == true, "\(replaced.errorLines)")
    let withCredentials = BinaryRunner(
      environment: BinaryRunner.environment(adding: SimulatorLauncher.loginEnvironment()))
    let bad = try await withCredentials.run(["run", "--config", config.path, "--parallel", "0"])
    #expect(bad.exitCode == 64)
    #expect(bad.errorLines.first?.contains("--parallel given beside --config") == true, "\(bad.errorLines)")
  }

  @Test("save-pages fills in {account} and {date}: the night's as-of, else today")
  func savePagesTemplate() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let config = directory.path("fleet.toml")
    let pages = directory.path("pages").path
    try """
    base-url = "http://127.0.0.1:9"
    no-history = true
    save-pages = "\(pages)/{account}/{date}"

    [[account]]
    name = "1-1"
    out = "\(directory.path("a").path)"
    as-of = "2026-11-05T00:00:00Z"

    [[account]]
    name = "1-2"
    out = "\(directory.path("b").path)"
    """.write(to: config, atomically: true, encoding: .utf8)
    let runner = BinaryRunner(
      environment: BinaryRunner.environment(adding: SimulatorLauncher.loginEnvironment()))
    let result = try await runner.run(["run", "--config", config.path, "--check-config"])
    #expect(result.exitCode == 0, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasSuffix("pages saved in \(pages)/1-1/2026-11-05") == true, "\(lines)")
    let today = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withFullDate])
    #expect(lines.last?.hasSuffix("pages saved in \(pages)/1-2/\(today)") == true, "\(lines)")
  }
}

import FOTATestSupport
import Foundation
import Testing

/// What a person reads when something goes wrong: one line in plain words naming the path or host
/// and the cause; never a framework's error dump or a Swift type name, in the message or the log.
@Suite("errors a person reads")
struct ErrorTextTests {
  /// What must never reach standard error (the message and the log lines alike).
  static let forbidden = ["Error Domain=", "NSCocoaErrorDomain", "NSPOSIXErrorDomain", "UserInfo=", "Swift."]

  static func expectPlain(_ result: BinaryRunner.Result, _ label: String) {
    #expect(result.exitCode != 0, "\(label): succeeded")
    #expect(result.errorLines.count == 1, "\(label): \(result.standardError)")
    for text in forbidden {
      #expect(!result.standardError.contains(text), "\(label): \(result.standardError)")
    }
    // A Swift type name such as `HTTPClientError` or `DecodingError.dataCorrupted`.
    let typeName = /\b[A-Z][A-Za-z0-9]*(Error|Exception)(\.[A-Za-z]+)?\b/
    #expect(result.standardError.firstMatch(of: typeName) == nil, "\(label): \(result.standardError)")
  }

  @Test("every failure the command can meet is told in plain words")
  func sweep() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let templates = RepositoryPaths.templates.path
    try Data("not JSON".utf8).write(to: directory.path("garbage.sqlite"))
    try FileManager.default.createDirectory(at: directory.path("pages"), withIntermediateDirectories: true)
    try Data("{\"hasMoreData\":".utf8).write(to: directory.path("pages/page-00001.json"))
    try Data("a file".utf8).write(to: directory.path("a-file"))
    let tokens = BinaryRunner.environment(adding: [
      "THINGSPACE_BEARER_TOKEN": "b", "THINGSPACE_SESSION_TOKEN": "s",
    ])
    let runner = BinaryRunner()
    let cases: [(String, [String], [String: String]?)] = [
      (
        "missing page folder", ["run", "--from-pages", "no-such-folder", "--out", "latest", "--no-history"],
        nil
      ),
      ("page that is not JSON", ["run", "--from-pages", "pages", "--out", "latest", "--no-history"], nil),
      ("--out is a file", ["run", "--demo", "--out", "a-file", "--no-history"], nil),
      (
        "missing templates", ["run", "--demo", "--out", "latest", "--no-history", "--templates", "none"], nil
      ),
      ("missing history, bare name", ["history", "list", "--history", "none.sqlite"], nil),
      ("damaged history, bare name", ["history", "list", "--history", "garbage.sqlite"], nil),
      (
        "nothing listening",
        [
          "run", "--account", "1", "--base-url", "http://127.0.0.1:9", "--out", "latest", "--no-history",
          "--max-attempts", "1", "--timeout", "2",
        ], tokens
      ),
      (
        "unknown host",
        [
          "run", "--account", "1", "--base-url", "https://host.invalid", "--out", "latest", "--no-history",
          "--max-attempts", "1", "--timeout", "2",
        ], tokens
      ),
    ]
    for (label, arguments, environment) in cases {
      var caseRunner = runner
      if let environment { caseRunner.environment = environment }
      let withTemplates = arguments.first == "run" && !arguments.contains("--templates")
      let result = try await caseRunner.run(
        arguments + (withTemplates ? ["--templates", templates] : []), in: directory.url)
      Self.expectPlain(result, label)
    }
  }

  @Test("a path given as a bare name works wherever a path is taken")
  func bareNames() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let runner = BinaryRunner()
    let run = try await runner.run(
      [
        "run", "--demo", "--demo-devices", "300", "--out", "latest", "--history", "history.sqlite",
        "--save-pages", "pages", "--templates", RepositoryPaths.templates.path,
      ], in: directory.url)
    #expect(run.exitCode == 0, "\(run.standardError)")
    for subcommand in [["list"], ["show", "1"]] {
      let result = try await runner.run(
        ["history"] + subcommand + ["--history", "history.sqlite"], in: directory.url)
      #expect(result.exitCode == 0, "history \(subcommand): \(result.standardError)")
    }
    let replay = try await runner.run(
      [
        "run", "--from-pages", "pages", "--out", "again", "--no-history", "--templates",
        RepositoryPaths.templates.path,
      ],
      in: directory.url)
    #expect(replay.exitCode == 0, "\(replay.standardError)")
  }

  @Test("a full disk: one line naming the file and 'no space left on device'; the previous report stays")
  func fullDisk() async throws {
    // Sizes at which different files of the night meet the end of the disk: the spool,
    // devices.csv, upgrade-plan.csv, a campaign file.
    for kibibytes in [400, 800, 1_200, 1_500] {
      guard let disk = try SmallDisk.mount(kibibytes: kibibytes) else { return }
      defer { disk.unmount() }
      let runner = BinaryRunner()
      let out = disk.directory.path("latest").path
      let small = try await runner.run([
        "run", "--demo", "--demo-devices", "40", "--out", out, "--no-history", "--templates",
        RepositoryPaths.templates.path,
      ])
      #expect(small.exitCode == 0, "\(small.standardError)")
      let before = try FolderSnapshot.files(in: disk.directory.path("latest"))
      let result = try await runner.run([
        "run", "--demo", "--demo-devices", "3000", "--out", out, "--no-history", "--templates",
        RepositoryPaths.templates.path,
      ])
      Self.expectPlain(result, "\(kibibytes) KiB disk")
      let line = result.errorLines.first ?? ""
      #expect(line.contains("no space left on device"), "\(line)")
      #expect(line.contains(disk.directory.url.path), "\(line)")
      #expect(try FolderSnapshot.files(in: disk.directory.path("latest")) == before)
      let beside = try FileManager.default.contentsOfDirectory(atPath: disk.directory.url.path)
      #expect(beside.filter { $0.contains(".staging-") }.isEmpty, "\(beside)")
    }
  }
}

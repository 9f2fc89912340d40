import FOTACollect
import FOTAFleet
import FOTAJob
import FOTAPublish
import FOTATestSupport
import Foundation
import Testing

/// The job writes its own report folder, staging beside it, history and saved pages, and refuses
/// anything else before it starts.
@Suite("the report folder belongs to the job")
struct ReportFolderRulesTests {
  static let fleet = SyntheticFleet(seed: 13, deviceCount: 1_200)

  /// A saved night of a small fleet, for runs that make no request.
  static func savedNight(_ fixture: JobFixture, folder: String = "night") throws -> URL {
    try fixture.writePages(fleet.pages().map(\.body), folder: folder)
  }

  /// Every file below `folder` with its bytes.
  static func tree(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for path in try GoldenFiles.files(under: folder) {
      files[path] = try Data(contentsOf: folder.appendingPathComponent(path))
    }
    return files
  }

  static func refusal(_ error: any Error) -> String? {
    guard case .refused(let reason) = error as? JobError else { return nil }
    return reason
  }

  @Test("--out that is not empty and not a fota-report report is refused, untouched")
  func foreignFolder() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let pages = try Self.savedNight(fixture)
    let out = fixture.output
    try FileManager.default.createDirectory(
      at: out.appendingPathComponent("notes"), withIntermediateDirectories: true)
    try Data("do not delete".utf8).write(to: out.appendingPathComponent("thesis.txt"))
    try Data("{\"tool\":\"something-else\"}".utf8).write(to: out.appendingPathComponent("run.json"))
    try Data("x".utf8).write(to: out.appendingPathComponent("notes/a.txt"))
    let before = try Self.tree(out)
    await #expect {
      try await fixture.run(fixture.configuration(.pages(directory: pages)))
    } throws: { error in
      Self.refusal(error)?.contains(
        "refusing --out \(out.path): it holds 3 entries and no run.json of fota-report")
        == true
    }
    #expect(try Self.tree(out) == before)
    let siblings = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.url.path).sorted()
    #expect(siblings == ["night", "report"])
  }

  @Test("--out that is a file or a symbolic link is refused")
  func fileOrLink() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let pages = try Self.savedNight(fixture)
    try Data("a file".utf8).write(to: fixture.output)
    await #expect {
      try await fixture.run(fixture.configuration(.pages(directory: pages)))
    } throws: { Self.refusal($0)?.contains("it is a file, not a folder") == true }
    #expect(try Data(contentsOf: fixture.output) == Data("a file".utf8))

    try FileManager.default.removeItem(at: fixture.output)
    let elsewhere = fixture.directory.path("elsewhere")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(at: fixture.output, withDestinationURL: elsewhere)
    await #expect {
      try await fixture.run(fixture.configuration(.pages(directory: pages)))
    } throws: { Self.refusal($0)?.contains("it is a symbolic link") == true }
  }

  @Test("an empty folder and an earlier report are replaced")
  func emptyOrReport() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let pages = try Self.savedNight(fixture)
    try FileManager.default.createDirectory(at: fixture.output, withIntermediateDirectories: true)
    try await fixture.run(fixture.configuration(.pages(directory: pages)))
    #expect(ReportPublisher.isReport(fixture.output))
    try await fixture.run(fixture.configuration(.pages(directory: pages)))
    #expect(ReportPublisher.isReport(fixture.output))
  }

  @Test("history or saved pages inside --out are refused before starting")
  func insideOut() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let pages = try Self.savedNight(fixture)
    var configuration = fixture.configuration(.pages(directory: pages))
    configuration.history = fixture.output.appendingPathComponent("history.sqlite")
    await #expect { try await fixture.run(configuration) } throws: {
      Self.refusal($0)?.contains("is inside --out") == true
    }
    configuration.history = nil
    configuration.savePages = fixture.output.appendingPathComponent("pages")
    await #expect { try await fixture.run(configuration) } throws: {
      Self.refusal($0)?.contains("is inside --out") == true
    }
    configuration.savePages = fixture.directory.url
    await #expect { try await fixture.run(configuration) } throws: {
      Self.refusal($0)?.contains("--out \(fixture.output.path) is inside --save-pages") == true
    }
    #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
  }

  @Test("what killed runs left beside the folders is removed; a live run's folders are not touched")
  func leftovers() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let pages = try Self.savedNight(fixture)
    let saved = fixture.directory.path("saved")
    for name in [".report.staging-dead0001", ".report.previous-dead0002", ".saved.saving-dead0003"] {
      let folder = fixture.directory.path(name)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data("half".utf8).write(to: folder.appendingPathComponent("devices.csv"))
    }
    var configuration = fixture.configuration(.pages(directory: pages))
    configuration.savePages = saved

    // While another run holds the report folder, nothing of it is touched: that run may be live.
    do {
      let held = try RunLock.acquire(fixture.output, purpose: "a live run")
      defer { withExtendedLifetime(held) {} }
      await #expect {
        try await fixture.run(configuration)
      } throws: { error in
        guard case .busy(let reason) = error as? JobError else { return false }
        return reason.contains("\(fixture.output.path) is in use by another run (fota-report pid")
          && reason.contains("a live run")
      }
      #expect(FileManager.default.fileExists(atPath: fixture.directory.path(".report.staging-dead0001").path))
    }

    try await fixture.run(configuration)
    let names = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.url.path).sorted()
    #expect(names == [".report.lock", ".saved.lock", "night", "report", "saved"])
  }

  @Test("a failed night leaves --save-pages as it was, so the same command can run again")
  func savePagesStaged() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var bodies = Self.fleet.pages().map(\.body)
    let good = bodies[1]
    bodies[1] = good.replacingOccurrences(of: "\"deviceList\"", with: "\"devices\"")
    let broken = try fixture.writePages(bodies, folder: "broken")
    let saved = fixture.directory.path("saved")
    var configuration = fixture.configuration(.pages(directory: broken))
    configuration.savePages = saved
    await #expect {
      try await fixture.run(configuration)
    } throws: { error in
      guard case .stopped(1, _, _, .invalidPage("page-00002.json", let reason))? = error as? CollectionError
      else {
        return false
      }
      return reason == "deviceList is missing, not an array of devices"
    }
    #expect(!FileManager.default.fileExists(atPath: saved.path))
    #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
    let names = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.url.path)
    #expect(!names.contains { $0.contains(".saving-") || $0.contains(".staging-") })

    // The same command, once the pages are right, saves the night.
    bodies[1] = good
    configuration.source = .pages(directory: try fixture.writePages(bodies, folder: "fixed"))
    try await fixture.run(configuration)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: saved.path).sorted() == [
        "page-00001.json", "page-00002.json",
      ])
  }

  @Test(
    "saved pages are checked as live pages are: the cursor must move on, and a page with more is not empty")
  func savedPagesSequence() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let stalled = try fixture.writePages(
      [
        PageText.page("A", more: true, cursor: "\"12\"", ids: ["11", "12"]),
        PageText.page("A", more: true, cursor: "\"12\"", ids: ["13"]),
        PageText.page("A", more: false, cursor: "0", ids: ["14"]),
      ], folder: "stalled")
    await #expect(
      throws: CollectionError.stopped(
        pages: 1, devices: 2, lastCursor: "12",
        reason: .cursorDidNotAdvance(page: 2, startIndex: "12", cursor: "12"))
    ) { try await fixture.run(fixture.configuration(.pages(directory: stalled))) }
    let empty = try fixture.writePages(
      [
        PageText.page("A", more: true, cursor: "\"12\"", ids: ["11", "12"]),
        PageText.page("A", more: true, cursor: "\"20\"", ids: []),
      ], folder: "empty")
    await #expect(
      throws: CollectionError.stopped(
        pages: 1, devices: 2, lastCursor: "12", reason: .emptyPageWithMoreData(page: 2, startIndex: "12"))
    ) { try await fixture.run(fixture.configuration(.pages(directory: empty))) }
  }

  @Test("hostile saved nights end in a report or a collection error, never anything else", arguments: 0..<3)
  func hostileNights(block: Int) async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    for index in 0..<12 {
      var pages = RandomPages(seed: UInt64(block * 100 + index))
      let bodies = [String(decoding: pages.hostilePage(), as: UTF8.self), pages.validPage()]
      var configuration = fixture.configuration(
        .pages(directory: try fixture.writePages(bodies, folder: "n\(index)")))
      configuration.account = nil
      configuration.xmlDevices = true
      do {
        try await fixture.run(configuration)
      } catch let error as CollectionError {
        #expect(!(error.errorDescription ?? "").isEmpty)
      } catch {
        Issue.record("night \(index): \(error)")
      }
    }
  }
}

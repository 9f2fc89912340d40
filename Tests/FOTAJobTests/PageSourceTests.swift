import FOTACollect
import FOTAFleet
import FOTAJob
import FOTATestSupport
import Foundation
import Testing

@Suite("saved pages")
struct PageSourceTests {
  @Test("a night that ends with hasMoreData=true is incomplete")
  func incomplete() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let pages = try fixture.writePages([PageText.page("A", more: true, cursor: "\"12\"", ids: ["11", "12"])])
    await #expect(throws: CollectionError.incomplete(pages: 1, devices: 2, lastCursor: "12")) {
      try await fixture.run(fixture.configuration(.pages(directory: pages)))
    }
    #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
  }

  @Test("a page after the last one is an error")
  func pageAfterLast() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let pages = try fixture.writePages([
      PageText.page("A", more: false, cursor: "0", ids: ["11"]),
      PageText.page("A", more: false, cursor: "0", ids: ["12"]),
    ])
    await #expect(
      throws: CollectionError.stopped(
        pages: 1, devices: 1, lastCursor: "0",
        reason: .pageAfterLast(origin: "page-00002.json", lastPage: "page-00001.json"))
    ) {
      try await fixture.run(fixture.configuration(.pages(directory: pages)))
    }
  }

  @Test("pages must belong to the given account, and to one account")
  func accounts() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let pages = try fixture.writePages([
      PageText.page("0001", more: true, cursor: "11", ids: ["11"]),
      PageText.page("0002", more: false, cursor: "0", ids: ["12"]),
    ])
    var configuration = fixture.configuration(.pages(directory: pages))
    await #expect(
      throws: CollectionError.stopped(
        pages: 1, devices: 1, lastCursor: "11",
        reason: .accountMismatch(origin: "page-00002.json", expected: "0001", found: "0002"))
    ) { try await fixture.run(configuration) }
    configuration.account = "1"
    await #expect(
      throws: CollectionError.stopped(
        pages: 0, devices: 0, lastCursor: "0",
        reason: .accountMismatch(origin: "page-00001.json", expected: "1", found: "0001"))
    ) { try await fixture.run(configuration) }
  }

  @Test("a folder without pages is an error")
  func noPages() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let empty = try fixture.writePages([])
    await #expect(throws: CollectionError.noPages(path: empty.path)) {
      try await fixture.run(fixture.configuration(.pages(directory: empty)))
    }
  }

  @Test("--save-pages keeps every page byte for byte, and replaying them gives the same reports")
  func saveAndReplay() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let saved = fixture.directory.path("saved")
    var demo = fixture.configuration(.demo(seed: 5, devices: 2_500))
    demo.savePages = saved
    demo.output = fixture.directory.path("from-demo")
    demo.xmlDevices = true
    try await fixture.run(demo)

    let fleetPages = SyntheticFleet(seed: 5, deviceCount: 2_500).pages().map(\.body)
    let savedNames = try FileManager.default.contentsOfDirectory(atPath: saved.path).sorted()
    #expect(savedNames == ["page-00001.json", "page-00002.json", "page-00003.json"])
    for (name, body) in zip(savedNames, fleetPages) {
      #expect(try Data(contentsOf: saved.appendingPathComponent(name)) == Data(body.utf8))
    }

    var replay = fixture.configuration(.pages(directory: saved))
    replay.output = fixture.directory.path("from-pages")
    replay.xmlDevices = true
    try await fixture.run(replay)
    let differences = try GoldenFiles.differences(
      produced: replay.output, golden: demo.output)
    // Only the source line may differ between a demo run and its replay.
    #expect(
      differences.allSatisfy {
        $0.hasPrefix("report.html") || $0.hasPrefix("report.xml") || $0.hasPrefix("run.json")
      })
    for name in [
      "devices.csv", "by-model-firmware.csv", "by-model.csv", "by-firmware.csv", "readiness.csv",
      "upgrade-age.csv",
    ] {
      #expect(!differences.contains { $0.hasPrefix(name) }, "\(name)")
    }
  }

  @Test("--save-pages refuses, before starting, a folder that already holds a saved night")
  func saveRefusesOldPages() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let old = try fixture.writePages([PageText.page("A", more: false, cursor: "0", ids: ["1"])])
    var configuration = fixture.configuration(.demo(seed: 1, devices: 10))
    configuration.savePages = old
    await #expect {
      try await fixture.run(configuration)
    } throws: { error in
      guard case .refused(let reason) = error as? JobError else { return false }
      return reason.contains("already holds a saved night")
    }
    #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
  }
}

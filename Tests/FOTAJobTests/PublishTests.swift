import FOTACollect
import FOTAJob
import FOTAPublish
import FOTARender
import FOTATestSupport
import Foundation
import Testing

@Suite("atomic publish")
struct PublishTests {
  /// Writes half a file, then fails: a renderer dying mid-render.
  struct FailingOutput: ReportOutput {
    var name: String { "failing" }
    struct Failure: Error {}
    func complete(_ report: ReportModel, into folder: ReportFolder) throws {
      try folder.write("partial.csv", contents: "half,a,file")
      throw Failure()
    }
  }

  @Test("a failure mid-render leaves the previous report untouched and no staging behind")
  func failureKeepsPrevious() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    try await fixture.run(fixture.configuration(.demo(seed: 1, devices: 300)))
    let before = try FolderSnapshot.files(in: fixture.output)
    #expect(before["report.html"] != nil)

    var job = ReportJob(
      configuration: fixture.configuration(.demo(seed: 2, devices: 500)), logger: JobFixture.logger)
    job.additionalOutputs = [FailingOutput()]
    await #expect(throws: RenderError.self) { try await job.run() }

    #expect(try FolderSnapshot.files(in: fixture.output) == before)
    let siblings = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.url.path)
    #expect(siblings.sorted() == [".report.lock", "report"])
  }

  @Test("a collection failure publishes nothing and keeps the previous report")
  func collectionFailureKeepsPrevious() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    try await fixture.run(fixture.configuration(.demo(seed: 1, devices: 300)))
    let before = try FolderSnapshot.files(in: fixture.output)
    let pages = try fixture.writePages([
      #"{"accountName":"A","hasMoreData":true,"lastSeenDeviceId":"1","deviceList":[{"deviceId":"1"}]}"#,
      #"{"accountName":"A","hasMoreData":false,"lastSeenDeviceId":0,"deviceList":[{"deviceId":"2""#,
    ])
    await #expect {
      try await fixture.run(fixture.configuration(.pages(directory: pages)))
    } throws: { error in
      guard case .stopped(_, _, _, .invalidPage(let origin, _))? = error as? CollectionError else {
        return false
      }
      return origin == "page-00002.json"
    }
    #expect(try FolderSnapshot.files(in: fixture.output) == before)
  }

  @Test("publishing replaces an existing folder and creates a missing one")
  func publisher() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let destination = directory.path("nested/latest")
    let publisher = ReportPublisher(destination: destination)
    for night in 1...2 {
      let staging = try publisher.makeStaging()
      try Data("night \(night)".utf8).write(to: staging.appendingPathComponent("report.txt"))
      try publisher.publish(staging)
      let text = try String(contentsOf: destination.appendingPathComponent("report.txt"), encoding: .utf8)
      #expect(text == "night \(night)")
      #expect(!FileManager.default.fileExists(atPath: staging.path))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("nested").path) == ["latest"])
  }
}

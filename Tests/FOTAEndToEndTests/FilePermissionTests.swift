import FOTATestSupport
import Foundation
import Testing

/// Report files, saved pages and the history hold phone numbers: owner-only unless asked.
@Suite("file permissions")
struct FilePermissionTests {
  /// The permission bits of every file and folder the run made, by kind.
  static func modes(_ paths: [URL]) throws -> (files: Set<Int>, folders: Set<Int>) {
    var files = Set<Int>()
    var folders = Set<Int>()
    let manager = FileManager.default
    for root in paths {
      var all = [root]
      var isDirectory: ObjCBool = false
      if manager.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue {
        all += try manager.subpathsOfDirectory(atPath: root.path).map { root.appendingPathComponent($0) }
      }
      for url in all {
        let attributes = try manager.attributesOfItem(atPath: url.path)
        let mode = (attributes[.posixPermissions] as! NSNumber).intValue
        if attributes[.type] as? FileAttributeType == .typeDirectory {
          folders.insert(mode)
        } else {
          files.insert(mode)
        }
      }
    }
    return (files, folders)
  }

  @Test(
    "reports, saved pages and history are owner-only by default; --group-readable lets the group read",
    arguments: [(false, 0o600, 0o700), (true, 0o640, 0o750)])
  func modes(groupReadable: Bool, file: Int, folder: Int) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let result = try await BinaryRunner().run(
      [
        "run", "--demo", "--demo-devices", "500", "--out", directory.path("latest").path, "--as-of",
        "2026-11-01",
        "--history", directory.path("history.sqlite").path, "--save-pages", directory.path("pages").path,
        "--templates", RepositoryPaths.templates.path,
      ] + (groupReadable ? ["--group-readable"] : []))
    #expect(result.exitCode == 0, "\(result.standardError)")
    let (files, folders) = try Self.modes([
      directory.path("latest"), directory.path("pages"), directory.path("history.sqlite"),
    ])
    #expect(files == [file])
    #expect(folders == [folder])
  }
}

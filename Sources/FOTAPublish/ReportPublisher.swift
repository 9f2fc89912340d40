import CFileExchange
import FOTAModel
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Publishes a report folder atomically: files are written into a hidden sibling of the
/// destination and swapped into place only when complete, so readers see the old report or the
/// new one, never half of either.
///
/// The destination belongs to the job only when it is missing, empty, or an earlier report of
/// fota-report (``checkDestination()``); anything else is refused before a run starts.
public struct ReportPublisher: Sendable {
  /// The folder readers look at (`Reports/latest`).
  public let destination: URL

  /// Creates a publisher for `destination`.
  public init(destination: URL) {
    self.destination = destination.standardizedFileURL
  }

  private var parent: URL { destination.deletingLastPathComponent() }
  private var name: String { destination.lastPathComponent }
  private var stagingPrefix: String { ".\(name).staging-" }
  private var previousPrefix: String { ".\(name).previous-" }

  /// Refuses a destination the job may not replace: a file, a symbolic link, or a folder that is
  /// neither empty nor a report of this tool; or one whose parent cannot be written.
  public func checkDestination() throws(PublishError) {
    var info = stat()
    if lstat(destination.path, &info) == 0 {
      switch info.st_mode & S_IFMT {
      case S_IFLNK: throw .notAReportFolder(path: destination.path, reason: "it is a symbolic link")
      case S_IFDIR: break
      default: throw .notAReportFolder(path: destination.path, reason: "it is a file, not a folder")
      }
      let entries: [String]
      do {
        entries = try FileManager.default.contentsOfDirectory(atPath: destination.path)
      } catch {
        throw .notAReportFolder(
          path: destination.path, reason: "it cannot be read (\(ErrorText.cause(error)))")
      }
      if !entries.isEmpty && !Self.isReport(destination) {
        throw .notAReportFolder(
          path: destination.path,
          reason:
            "it holds \(entries.count) entries and no \(ReportIdentity.recordFile) of \(ReportIdentity.tool)")
      }
    }
    try Self.checkWritable(parent, for: destination)
  }

  /// True when `folder` holds a `run.json` written by this tool.
  public static func isReport(_ folder: URL) -> Bool {
    ReportIdentity.read(folder) != nil
  }

  /// Refuses a folder (or its nearest existing ancestor) the job cannot create files in.
  public static func checkWritable(_ folder: URL, for target: URL) throws(PublishError) {
    var existing = folder.standardizedFileURL
    while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
      existing.deleteLastPathComponent()
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: existing.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw .cannotStage(path: target.path, reason: "\(existing.path) is not a folder")
    }
    guard access(existing.path, W_OK | X_OK) == 0 else {
      throw .cannotStage(path: target.path, reason: "\(existing.path) is not writable")
    }
  }

  /// Removes staging and previous-report folders that killed runs left beside the destination.
  /// Call it only while holding the destination's ``RunLock``: no other live run can own them then.
  /// Returns the names removed.
  @discardableResult
  public func removeLeftovers() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
    let leftovers = names.filter { $0.hasPrefix(stagingPrefix) || $0.hasPrefix(previousPrefix) }.sorted()
    for name in leftovers { try? FileManager.default.removeItem(at: parent.appendingPathComponent(name)) }
    return leftovers
  }

  /// Creates an empty staging folder beside the destination.
  public func makeStaging() throws(PublishError) -> URL {
    let staging = parent.appendingPathComponent(stagingPrefix + UUID().uuidString.prefix(8))
    do {
      try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
      try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
    } catch {
      throw .cannotStage(path: destination.path, reason: ErrorText.cause(error))
    }
    return staging
  }

  /// Moves a complete staging folder into place, replacing the previous report in one step.
  public func publish(_ staging: URL) throws(PublishError) {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    let exists = manager.fileExists(atPath: destination.path, isDirectory: &isDirectory)
    if exists && !isDirectory.boolValue {
      throw .cannotPublish(path: destination.path, reason: "it exists and is not a folder")
    }
    if exists && Self.exchange(staging.path, destination.path) {
      // The old report now sits in the staging path.
      try? manager.removeItem(at: staging)
      return
    }
    do {
      if exists {
        let previous = parent.appendingPathComponent(previousPrefix + UUID().uuidString.prefix(8))
        try manager.moveItem(at: destination, to: previous)
        try manager.moveItem(at: staging, to: destination)
        try? manager.removeItem(at: previous)
      } else {
        try manager.moveItem(at: staging, to: destination)
      }
    } catch {
      throw .cannotPublish(path: destination.path, reason: ErrorText.cause(error))
    }
  }

  /// Removes a staging folder after a failure.
  public func discard(_ staging: URL) {
    try? FileManager.default.removeItem(at: staging)
  }

  /// Swaps two paths atomically (Linux `renameat2(RENAME_EXCHANGE)`); false when unavailable.
  static func exchange(_ first: String, _ second: String) -> Bool {
    fota_exchange_paths(first, second) == 0
  }
}

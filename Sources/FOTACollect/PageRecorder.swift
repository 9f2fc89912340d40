import FOTAModel
import Foundation

/// Saves each page exactly as received (`page-00001.json`, …), so a night can be replayed.
///
/// Pages go to a staging folder beside the destination (`.NAME.saving-XXXXXXXX`) and move into
/// it only when the night succeeds (``finish()``): a failed night leaves the destination as it
/// was, so the same command can simply run again. A destination that already holds pages (a
/// complete night) is refused.
public struct PageRecorder: Sendable {
  /// Where the night's pages end up.
  public let directory: URL
  /// Where they are written meanwhile.
  public let staging: URL

  /// Refuses a destination that is not a folder, or already holds `*.json` files.
  public static func check(_ directory: URL) throws(CollectionError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return }
    guard isDirectory.boolValue else {
      throw .cannotSavePages(path: directory.path, reason: "it is a file, not a folder")
    }
    let pages: [String]
    do {
      pages = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
        $0.hasSuffix(".json")
      }
    } catch {
      throw .cannotSavePages(path: directory.path, reason: ErrorText.cause(error))
    }
    if !pages.isEmpty {
      throw .cannotSavePages(
        path: directory.path,
        reason: "it already holds a saved night (\(pages.count) .json files); give a new folder")
    }
  }

  /// Removes staging folders that killed runs left beside `directory`. Call it only while holding
  /// the folder's lock: no other live run can own them then.
  public static func removeLeftovers(beside directory: URL) {
    let parent = directory.deletingLastPathComponent()
    let prefix = stagingPrefix(directory)
    for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
    where name.hasPrefix(prefix) {
      try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
    }
  }

  private static func stagingPrefix(_ directory: URL) -> String { ".\(directory.lastPathComponent).saving-" }

  /// Checks `directory` and creates the staging folder beside it.
  public init(directory: URL) throws(CollectionError) {
    try Self.check(directory)
    self.directory = directory.standardizedFileURL
    staging = self.directory.deletingLastPathComponent()
      .appendingPathComponent(Self.stagingPrefix(directory) + UUID().uuidString.prefix(8))
    do {
      try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    } catch {
      throw .cannotSavePages(path: directory.path, reason: ErrorText.cause(error))
    }
  }

  /// The file name of page `number`.
  public static func fileName(_ number: Int) -> String {
    let digits = String(number)
    return "page-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + ".json"
  }

  /// Writes the planning bodies received, as `firmware.json` and `licenses.json`.
  public func save(_ planning: PlanningData) throws(CollectionError) {
    for (name, body) in [
      (PlanningData.firmwareFile, planning.firmwareBody), (PlanningData.licensesFile, planning.licensesBody),
    ] {
      guard let body else { continue }
      try write(body, to: name)
    }
    for page in planning.upgradeReports ?? [] { try write(page.body, to: page.fileName) }
  }

  /// Writes one page; a page of a night collected in ranges also adds its line to
  /// ``SavedRanges/fileName``, so that a replay counts the same elements of it.
  public func save(_ page: CollectedPage) throws(CollectionError) {
    let name = Self.fileName(page.number)
    try write(page.body, to: name)
    guard let segment = page.segment else { return }
    let url = staging.appendingPathComponent(SavedRanges.fileName)
    do {
      if !FileManager.default.fileExists(atPath: url.path) {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
      }
      let handle = try FileHandle(forWritingTo: url)
      defer { try? handle.close() }
      try handle.seekToEnd()
      try handle.write(contentsOf: SavedRanges.line(page: name, segment: segment))
    } catch {
      throw .cannotSavePages(path: url.path, reason: ErrorText.cause(error))
    }
  }

  private func write(_ body: Data, to name: String) throws(CollectionError) {
    let url = staging.appendingPathComponent(name)
    do {
      if name.contains("/") {
        // Its mode follows the umask, as the pages' folder does (owner-only unless --group-readable).
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      }
      try body.write(to: url)
    } catch {
      throw .cannotSavePages(path: url.path, reason: ErrorText.cause(error))
    }
  }

  /// Moves the night's pages into the destination, creating it when missing.
  public func finish() throws(CollectionError) {
    let manager = FileManager.default
    do {
      if !manager.fileExists(atPath: directory.path) {
        try manager.moveItem(at: staging, to: directory)
        return
      }
      for name in try manager.contentsOfDirectory(atPath: staging.path).sorted() {
        try manager.moveItem(
          at: staging.appendingPathComponent(name), to: directory.appendingPathComponent(name))
      }
      try manager.removeItem(at: staging)
    } catch {
      throw .cannotSavePages(path: directory.path, reason: ErrorText.cause(error))
    }
  }

  /// Drops the staged pages of a night that failed.
  public func discard() {
    try? FileManager.default.removeItem(at: staging)
  }
}

import Foundation

/// Saves each page exactly as received (`page-00001.json`, …), so a night can be replayed.
public struct PageRecorder: Sendable {
  public let directory: URL

  /// Prepares `directory`, which must not already hold `*.json` files.
  public init(directory: URL) throws(CollectionError) {
    self.directory = directory
    let manager = FileManager.default
    do {
      try manager.createDirectory(at: directory, withIntermediateDirectories: true)
      let existing = try manager.contentsOfDirectory(atPath: directory.path)
        .filter { $0.hasSuffix(".json") }
      if !existing.isEmpty {
        throw CollectionError.cannotSavePages(
          path: directory.path,
          reason: "it already holds \(existing.count) .json files; use an empty directory")
      }
    } catch let error as CollectionError {
      throw error
    } catch {
      throw .cannotSavePages(path: directory.path, reason: PageDirectorySource.reason(error))
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
      let url = directory.appendingPathComponent(name)
      do {
        try body.write(to: url, options: .atomic)
      } catch {
        throw .cannotSavePages(path: url.path, reason: PageDirectorySource.reason(error))
      }
    }
  }

  /// Writes one page.
  public func save(_ page: CollectedPage) throws(CollectionError) {
    let url = directory.appendingPathComponent(Self.fileName(page.number))
    do {
      try page.body.write(to: url, options: .atomic)
    } catch {
      throw .cannotSavePages(path: url.path, reason: PageDirectorySource.reason(error))
    }
  }
}

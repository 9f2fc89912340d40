import Foundation

/// A fresh directory under the system's temporary folder, removed by ``remove()``.
public struct TemporaryDirectory: Sendable {
  public let url: URL

  /// Creates the directory.
  public init(_ label: String = "fota-report-test") throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(label)-\(UUID().uuidString.prefix(12))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// A path inside the directory.
  public func path(_ name: String) -> URL { url.appendingPathComponent(name) }

  /// Deletes the directory and everything in it.
  public func remove() {
    try? FileManager.default.removeItem(at: url)
  }
}

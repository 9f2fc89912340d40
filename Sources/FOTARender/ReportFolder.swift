import FOTAModel
import Foundation

/// The folder renderers write into (the staging folder of a publish), remembering every file.
public final class ReportFolder {
  /// The folder.
  public let url: URL
  /// Files written so far, by name, in order.
  public private(set) var files: [String] = []

  /// Wraps an existing folder.
  public init(url: URL) {
    self.url = url
  }

  /// The location of a file in the folder; ``register(_:)`` it once written.
  public func path(of name: String) -> String {
    url.appendingPathComponent(name).path
  }

  /// Records a file written directly (by libxml2, say).
  public func register(_ name: String) {
    if !files.contains(name) { files.append(name) }
  }

  /// Creates a file (and its folders, for names like `campaigns/x/y.json`) and streams it
  /// through a buffered writer.
  public func write(_ name: String, _ body: (inout FileOutput) throws -> Void) throws {
    var output = try open(name)
    try body(&output)
    try close(&output)
  }

  /// Creates a file to write over time; ``close(_:)`` it when complete.
  public func open(_ name: String) throws -> FileOutput {
    if name.contains("/") {
      let folder = url.appendingPathComponent(name).deletingLastPathComponent()
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      } catch {
        throw RenderError.cannotWrite(file: folder.path, reason: ErrorText.cause(error))
      }
    }
    return try FileOutput(path: path(of: name), name: name)
  }

  /// Completes a file made with ``open(_:)``.
  public func close(_ output: inout FileOutput) throws {
    try output.close()
    register(output.name)
  }

  /// Removes one file, written or half-written, from the folder and the list.
  public func remove(_ name: String) {
    try? FileManager.default.removeItem(at: url.appendingPathComponent(name))
    files.removeAll { $0 == name }
  }

  /// Removes everything in the folder but the named entries, to render it again.
  public func removeAll(except kept: Set<String>) throws {
    for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where !kept.contains(name) {
      try FileManager.default.removeItem(at: url.appendingPathComponent(name))
    }
    files.removeAll()
  }

  /// Writes a whole file at once.
  public func write(_ name: String, contents: String) throws {
    try write(name) { $0.write(contents) }
  }
}

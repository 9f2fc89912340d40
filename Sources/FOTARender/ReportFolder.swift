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
    if name.contains("/") {
      let folder = url.appendingPathComponent(name).deletingLastPathComponent()
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      } catch {
        throw RenderError.cannotWrite(file: name, reason: error.localizedDescription)
      }
    }
    var output = try FileOutput(path: path(of: name), name: name)
    try body(&output)
    try output.close()
    register(name)
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

/// A buffered file writer; flushes every megabyte.
public struct FileOutput {
  private let handle: FileHandle
  private let name: String
  private var buffer: [UInt8] = []
  private var failure: RenderError?

  init(path: String, name: String) throws {
    self.name = name
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw RenderError.cannotWrite(file: name, reason: "cannot create the file") }
    self.handle = handle
    buffer.reserveCapacity(1 << 20)
  }

  /// Appends text.
  public mutating func write(_ text: String) {
    buffer += text.utf8
    if buffer.count >= 1 << 20 { flush() }
  }

  /// Appends one CSV record (see ``CSVRow``).
  public mutating func writeRow(_ cells: [String]) {
    CSVRow.append(cells, to: &buffer)
    if buffer.count >= 1 << 20 { flush() }
  }

  private mutating func flush() {
    guard failure == nil, !buffer.isEmpty else { return }
    do {
      try handle.write(contentsOf: buffer)
    } catch {
      failure = .cannotWrite(file: name, reason: error.localizedDescription)
    }
    buffer.removeAll(keepingCapacity: true)
  }

  mutating func close() throws {
    flush()
    try? handle.close()
    if let failure { throw failure }
  }
}

import FOTAModel
import Foundation

/// A buffered file writer; flushes every megabyte.
public struct FileOutput {
  private let handle: FileHandle
  /// The file's name in its folder.
  public let name: String
  /// Its path, for messages.
  private let path: String
  private var buffer: [UInt8] = []
  private var failure: RenderError?

  init(path: String, name: String) throws {
    self.name = name
    self.path = path
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw RenderError.cannotWrite(file: path, reason: MessageText.systemError(errno)) }
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

  /// Appends one record written straight into the buffer by `body` (see ``CSVRow``).
  public mutating func appendRecord(_ body: (inout [UInt8]) -> Void) {
    body(&buffer)
    if buffer.count >= 1 << 20 { flush() }
  }

  private mutating func flush() {
    guard failure == nil, !buffer.isEmpty else { return }
    do {
      try handle.write(contentsOf: buffer)
    } catch {
      failure = .cannotWrite(file: path, reason: ErrorText.cause(error))
    }
    buffer.removeAll(keepingCapacity: true)
  }

  mutating func close() throws {
    flush()
    try? handle.close()
    if let failure { throw failure }
  }
}

import Foundation

extension FileHandle {
  /// A handle writing to a new, empty file at `url` (an earlier file there is emptied).
  static func writingEmptyFile(at url: URL) throws -> FileHandle {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
    }
    return try FileHandle(forWritingTo: url)
  }
}

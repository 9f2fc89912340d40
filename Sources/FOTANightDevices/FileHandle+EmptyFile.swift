import FOTAModel
import Foundation

extension FileHandle {
  /// A handle writing to a new, empty file at `url` (an earlier file there is emptied).
  static func writingEmptyFile(at url: URL) throws(FileError) -> FileHandle {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
      throw FileError("create", url.path, POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
    }
    do {
      return try FileHandle(forWritingTo: url)
    } catch {
      throw FileError("create", url.path, error)
    }
  }
}

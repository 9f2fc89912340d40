import Foundation

extension FileHandle {
  /// Writes `bytes`; a failure names `url` (``FileError``).
  public func write(_ bytes: some DataProtocol, naming url: URL) throws(FileError) {
    do {
      try write(contentsOf: bytes)
    } catch {
      throw FileError("write", url.path, error)
    }
  }

  /// Flushes to disk and closes; a failure names `url` (``FileError``).
  public func synchronizeAndClose(naming url: URL) throws(FileError) {
    do {
      try synchronize()
      try close()
    } catch {
      throw FileError("write", url.path, error)
    }
  }
}

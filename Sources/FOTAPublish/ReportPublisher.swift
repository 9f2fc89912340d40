import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Publishes a report folder atomically: files are written into a hidden sibling of the
/// destination and swapped into place only when complete, so readers see the old report or the
/// new one, never half of either.
public struct ReportPublisher: Sendable {
  /// The folder readers look at (`Reports/latest`).
  public let destination: URL

  /// Creates a publisher for `destination`.
  public init(destination: URL) {
    self.destination = destination.standardizedFileURL
  }

  private var parent: URL { destination.deletingLastPathComponent() }
  private var name: String { destination.lastPathComponent }

  /// Creates an empty staging folder beside the destination.
  public func makeStaging() throws(PublishError) -> URL {
    let staging = parent.appendingPathComponent(".\(name).staging-\(UUID().uuidString.prefix(8))")
    do {
      try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
      try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
    } catch {
      throw .cannotStage(path: destination.path, reason: Self.reason(error))
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
        let previous = parent.appendingPathComponent(".\(name).previous-\(UUID().uuidString.prefix(8))")
        try manager.moveItem(at: destination, to: previous)
        try manager.moveItem(at: staging, to: destination)
        try? manager.removeItem(at: previous)
      } else {
        try manager.moveItem(at: staging, to: destination)
      }
    } catch {
      throw .cannotPublish(path: destination.path, reason: Self.reason(error))
    }
  }

  /// Removes a staging folder after a failure.
  public func discard(_ staging: URL) {
    try? FileManager.default.removeItem(at: staging)
  }

  /// Swaps two paths atomically with Linux's `renameat2(RENAME_EXCHANGE)`; false when unavailable.
  static func exchange(_ first: String, _ second: String) -> Bool {
    #if os(Linux)
      typealias RenameAt2 =
        @convention(c) (
          Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
        ) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else {
        return false
      }
      let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
      let renameExchange: UInt32 = 1 << 1
      return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
    #else
      return false
    #endif
  }

  static func reason(_ error: any Error) -> String {
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    if let underlying, underlying.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return (error as NSError).localizedDescription
  }
}

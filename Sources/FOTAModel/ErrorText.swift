import Foundation

/// The one way an error becomes a line of text a person reads: its `LocalizedError` description
/// when it has one of its own; a file-system error as the path and the cause in plain words
/// (`/srv/reports/.latest.staging-1a2b/devices.csv: no space left on device`); never a
/// framework's dump or a type name.
public enum ErrorText {
  /// The error as one line.
  public static func describe(_ error: any Error) -> String {
    if let file = fileProblem(error) { return file }
    if let description = (error as? any LocalizedError)?.errorDescription, !description.isEmpty {
      return MessageText.withoutTypeNames(description)
    }
    return MessageText.withoutTypeNames(String(describing: error))
  }

  /// Only the cause of a file-system error, without its path (`no space left on device`); other
  /// errors as ``describe(_:)``.
  public static func cause(_ error: any Error) -> String {
    guard let problem = FileProblem(error) else { return describe(error) }
    return problem.cause
  }

  private static func fileProblem(_ error: any Error) -> String? {
    guard let problem = FileProblem(error) else { return nil }
    return problem.path.map { "\($0): \(problem.cause)" } ?? problem.cause
  }

  /// A Foundation file error or a POSIX error: the path it names, and its cause in words.
  private struct FileProblem {
    var path: String?
    var cause: String

    init?(_ error: any Error) {
      if let posix = error as? POSIXError {
        cause = MessageText.systemError(posix.code.rawValue)
        return
      }
      let error = error as NSError
      guard error.domain == NSCocoaErrorDomain || error.domain == NSPOSIXErrorDomain else { return nil }
      path =
        (error.userInfo[NSFilePathErrorKey] as? String)
        ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
      if error.domain == NSPOSIXErrorDomain {
        cause = MessageText.systemError(Int32(error.code))
      } else if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
        underlying.domain == NSPOSIXErrorDomain
      {
        cause = MessageText.systemError(Int32(underlying.code))
      } else {
        cause = Self.cocoaCause(error.code)
      }
    }

    /// Foundation's file error codes as words, for errors that carry no system error number.
    static func cocoaCause(_ code: Int) -> String {
      switch CocoaError.Code(rawValue: code) {
      case .fileNoSuchFile, .fileReadNoSuchFile: "no such file or directory"
      case .fileReadNoPermission, .fileWriteNoPermission: "permission denied"
      case .fileWriteOutOfSpace: "no space left on device"
      case .fileWriteVolumeReadOnly: "read-only file system"
      case .fileWriteFileExists: "file exists"
      case .fileReadCorruptFile: "the file is damaged"
      case .fileReadTooLarge: "the file is too large"
      case .fileReadInapplicableStringEncoding, .fileWriteInapplicableStringEncoding: "the text is not UTF-8"
      case .fileLocking: "the file is locked"
      default: code >= 512 ? "cannot be written" : "cannot be read"
      }
    }
  }
}

import Foundation

/// Prints a failure as one line on standard error: no stack trace, no secret.
enum FailureReport {
  static func print(_ error: any Error) {
    let message: String
    if let localized = error as? LocalizedError, let description = localized.errorDescription {
      message = description
    } else {
      message = String(describing: error)
    }
    let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    FileHandle.standardError.write(Data("fota-report: error: \(line)\n".utf8))
  }
}

import FOTAModel
import Foundation

/// Prints a failure as one line on standard error: no stack trace, no secret.
enum FailureReport {
  static func print(_ error: any Error, redactor: SecretRedactor = SecretRedactor()) {
    print(message: ErrorText.describe(error), redactor: redactor)
  }

  static func print(message: String, redactor: SecretRedactor = SecretRedactor()) {
    let line = redactor.redact(MessageText.oneLine(message))
    FileHandle.standardError.write(Data("fota-report: error: \(line)\n".utf8))
  }
}

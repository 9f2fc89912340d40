import FOTAModel
import Foundation
import Synchronization

/// Prints a failure as one line on standard error: no stack trace, no secret. With
/// `--log-format json` the line is a JSON object like the log's, so a log shipper reads it too.
enum FailureReport {
  /// Whether lines are JSON objects (`--log-format json`).
  private static let json = Mutex(false)

  /// Makes every later line a JSON object.
  static func useJSON() {
    json.withLock { $0 = true }
  }

  static func print(_ error: any Error, redactor: SecretRedactor = SecretRedactor()) {
    print(message: ErrorText.describe(error), redactor: redactor)
  }

  /// Prints one account's closing line of a run of many accounts.
  static func print(summary: String, redactor: SecretRedactor = SecretRedactor()) {
    emit(summary, level: "notice", prefix: "fota-report: ", redactor: redactor)
  }

  static func print(message: String, redactor: SecretRedactor = SecretRedactor()) {
    emit(message, level: "error", prefix: "fota-report: error: ", redactor: redactor)
  }

  /// One line on standard error: after `prefix` as text, or a JSON object at `level`.
  private static func emit(_ text: String, level: String, prefix: String, redactor: SecretRedactor) {
    let line = redactor.redact(MessageText.oneLine(text))
    guard json.withLock({ $0 }) else {
      FileHandle.standardError.write(Data("\(prefix)\(line)\n".utf8))
      return
    }
    JSONLogHandler.write(
      level: level, message: line, label: "fota-report", source: "fota_report", metadata: nil)
  }
}

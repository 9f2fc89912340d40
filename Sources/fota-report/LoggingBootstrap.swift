import FOTAModel
import Logging

/// The one place logging is set up: plain lines (or JSON objects) on standard error, scrubbed of
/// every secret.
enum LoggingBootstrap {
  static func bootstrap(redactor: SecretRedactor, json: Bool = false) {
    if json { FailureReport.useJSON() }
    LoggingSystem.bootstrap { label in
      let handler: any LogHandler =
        json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
      return RedactingLogHandler(wrapped: handler, redactor: redactor)
    }
  }
}

import FOTAModel
import Logging

/// The one place logging is set up: plain lines on standard error, scrubbed of every secret.
enum LoggingBootstrap {
  static func bootstrap(redactor: SecretRedactor) {
    LoggingSystem.bootstrap { label in
      RedactingLogHandler(wrapped: StreamLogHandler.standardError(label: label), redactor: redactor)
    }
  }
}

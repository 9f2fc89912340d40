import FOTAModel
import Logging

#if canImport(Glibc)
  import Glibc
#endif

/// The one place the process is set up, before any command's work: logging as plain lines (or
/// JSON objects) on standard error, scrubbed of every secret; and writes to a reader that has
/// gone (a `sendmail` killed at its timeout) failing with an error the writer reports, instead
/// of SIGPIPE ending the process.
enum LoggingBootstrap {
  static func bootstrap(redactor: SecretRedactor, json: Bool = false) {
    signal(SIGPIPE, SIG_IGN)
    if json { FailureReport.useJSON() }
    LoggingSystem.bootstrap { label in
      let handler: any LogHandler =
        json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
      return RedactingLogHandler(wrapped: handler, redactor: redactor)
    }
  }
}

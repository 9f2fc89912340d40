import Logging

/// The one place logging is set up: plain lines on standard error.
enum LoggingBootstrap {
  static func bootstrap() {
    LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
  }
}

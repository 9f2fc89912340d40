import ArgumentParser
import FOTAModel
import Logging

/// Log verbosity; logs go to standard error, report data never does.
struct LoggingOptions: ParsableArguments {
  @Option(
    name: .customLong("log-level"),
    help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "LEVEL"))
  var logLevel: Logger.Level = .info

  /// Bootstraps logging to standard error, scrubbed of the secrets `redactor` knows, and returns
  /// the job's logger.
  func makeLogger(redactor: SecretRedactor = SecretRedactor()) -> Logger {
    LoggingBootstrap.bootstrap(redactor: redactor)
    var logger = Logger(label: "fota-report")
    logger.logLevel = logLevel
    return logger
  }
}

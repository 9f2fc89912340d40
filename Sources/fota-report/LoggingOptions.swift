import ArgumentParser
import Logging

/// Log verbosity; logs go to standard error, report data never does.
struct LoggingOptions: ParsableArguments {
  @Option(
    name: .customLong("log-level"),
    help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "LEVEL"))
  var logLevel: Logger.Level = .info

  /// Bootstraps logging to standard error and returns the job's logger.
  func makeLogger() -> Logger {
    LoggingBootstrap.bootstrap()
    var logger = Logger(label: "fota-report")
    logger.logLevel = logLevel
    return logger
  }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

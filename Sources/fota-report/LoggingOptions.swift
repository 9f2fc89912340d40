import ArgumentParser
import FOTAModel
import Logging

/// Log verbosity and format, and the metrics file for monitoring; logs go to standard error,
/// report data never does.
struct LoggingOptions: ParsableArguments {
  @Option(
    name: .customLong("log-level"),
    help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "LEVEL"))
  var logLevel: Logger.Level = .info

  @Option(
    name: .customLong("log-format"),
    help: ArgumentHelp(
      "text (lines for a person) or json (one JSON object a line: time, level, message, label, "
        + "source, metadata; for journald and log shippers).",
      valueName: "FORMAT"))
  var logFormat: LogFormat = .text

  @Option(
    name: .customLong("metrics-file"),
    help: ArgumentHelp(
      "Write the night's metrics here in the Prometheus text format, for node_exporter's textfile "
        + "collector (its --collector.textfile.directory, a name ending in .prom); written on every "
        + "ending, a failed night keeping the last success's figures.",
      valueName: "PATH"))
  var metricsFile: String?

  /// The log line formats.
  enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  /// Bootstraps logging to standard error, scrubbed of the secrets `redactor` knows, and returns
  /// the job's logger.
  func makeLogger(redactor: SecretRedactor = SecretRedactor()) -> Logger {
    LoggingBootstrap.bootstrap(redactor: redactor, json: logFormat == .json)
    var logger = Logger(label: "fota-report")
    logger.logLevel = logLevel
    return logger
  }
}

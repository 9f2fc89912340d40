import FOTAModel
import Logging

/// Wraps a log handler so that no log line carries a secret: the message and every metadata
/// value pass through the run's ``SecretRedactor``. A live progress line is cleared first.
struct RedactingLogHandler: LogHandler {
  var wrapped: any LogHandler
  let redactor: SecretRedactor
  /// The live progress line, cleared before each log line.
  var terminal: TerminalLine = .standardError

  var logLevel: Logger.Level {
    get { wrapped.logLevel }
    set { wrapped.logLevel = newValue }
  }

  var metadata: Logger.Metadata {
    get { wrapped.metadata }
    set { wrapped.metadata = newValue }
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { wrapped[metadataKey: key] }
    set { wrapped[metadataKey: key] = newValue }
  }

  func log(event: LogEvent) {
    var event = event
    event.message = "\(redactor.redact(event.message.description))"
    event.metadata = event.metadata.map { $0.mapValues(redact) }
    terminal.clear()
    wrapped.log(event: event)
  }

  private func redact(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
    switch value {
    case .string(let text): .string(redactor.redact(text))
    case .stringConvertible(let convertible): .string(redactor.redact(convertible.description))
    case .array(let values): .array(values.map(redact))
    case .dictionary(let values): .dictionary(values.mapValues(redact))
    }
  }
}

import FOTAModel
import Foundation
import Logging

/// Writes each log event to standard error as one JSON object on one line: `time` (ISO 8601, UTC,
/// milliseconds), `level`, `message`, `label`, `source` and `metadata`, for journald and log
/// shippers.
struct JSONLogHandler: LogHandler {
  let label: String
  var logLevel: Logger.Level = .info
  var metadata: Logger.Metadata = [:]

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    let merged = metadata.merging(event.metadata ?? [:]) { $1 }
    Self.write(
      level: event.level.rawValue, message: event.message.description, label: label, source: event.source,
      metadata: merged.isEmpty ? nil : merged.mapValues(Self.plain))
  }

  /// Writes one object on one line to standard error.
  static func write(level: String, message: String, label: String, source: String, metadata: [String: Any]?) {
    var object: [String: Any] = [
      "time": timestamp(Date()), "level": level, "message": message, "label": label, "source": source,
    ]
    if let metadata { object["metadata"] = metadata }
    guard
      var line = try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    else { return }
    line.append(0x0A)
    FileHandle.standardError.write(line)
  }

  /// A metadata value as JSON: strings, arrays and objects.
  private static func plain(_ value: Logger.Metadata.Value) -> Any {
    switch value {
    case .string(let text): text
    case .stringConvertible(let convertible): convertible.description
    case .array(let values): values.map(plain)
    case .dictionary(let values): values.mapValues(plain)
    }
  }

  private static func timestamp(_ date: Date) -> String {
    let milliseconds = Int64((date.timeIntervalSince1970 * 1_000).rounded(.down))
    return CivilCalendar.iso8601(milliseconds: milliseconds)
  }
}

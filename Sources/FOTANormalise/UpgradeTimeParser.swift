import FOTAModel

/// Reads every `upgradeTime` shape ThingSpace is known to send, without Foundation formatters.
///
/// Shapes: Go's `time.Time.String()` (`2018-03-03 00:28:33.152 +0000 UTC`, 0–9 fraction digits,
/// any offset, optional zone abbreviation and monotonic `m=±…` suffix); ISO 8601 / RFC 3339
/// (`2018-03-03T16:03:33.000Z`, `+00:00`, `+0000`); `M/D/YYYY H:M:S` with one or two digits per
/// field, read as UTC; and a bare date `2018-04-01`, read as midnight UTC.
public enum UpgradeTimeParser {
  /// Normalises one `upgradeTime` value (`nil` when the key was missing or `null`).
  public static func parse(_ raw: String?) -> UpgradeTime {
    guard let raw else { return UpgradeTime(state: .unknown) }
    var text = raw
    let outcome = text.withUTF8 { scan($0) }
    switch outcome {
    case .blank: return UpgradeTime(state: .unknown, raw: raw)
    case .invalid: return UpgradeTime(state: .invalid, raw: raw)
    case .never: return UpgradeTime(state: .never, raw: raw)
    case .instant(let milliseconds):
      return UpgradeTime(state: .upgraded, milliseconds: milliseconds, raw: raw)
    }
  }

  /// The instant a timestamp in any supported shape names, in milliseconds since 1970 (UTC).
  ///
  /// Unlike ``parse(_:)`` this treats the sentinel dates as ordinary dates.
  public static func instant(_ text: String) -> Int64? {
    var copy = text
    return copy.withUTF8 { bytes -> Int64? in
      var scanner = TimestampScanner(bytes)
      guard let fields = scanner.timestamp() else { return nil }
      return fields.milliseconds
    }
  }

  enum Outcome: Equatable {
    case blank, invalid, never
    case instant(Int64)
  }

  static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
    var scanner = TimestampScanner(bytes)
    if scanner.isBlank { return .blank }
    guard let fields = scanner.timestamp() else { return .invalid }
    if fields.month == 1 && fields.day == 1 && (fields.year == 1900 || fields.year == 1) {
      return .never
    }
    return .instant(fields.milliseconds)
  }
}

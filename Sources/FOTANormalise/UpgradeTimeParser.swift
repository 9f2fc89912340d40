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
      var scanner = Scanner(bytes)
      guard let fields = scanner.timestamp() else { return nil }
      return fields.milliseconds
    }
  }

  enum Outcome: Equatable {
    case blank, invalid, never
    case instant(Int64)
  }

  static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
    var scanner = Scanner(bytes)
    if scanner.isBlank { return .blank }
    guard let fields = scanner.timestamp() else { return .invalid }
    if fields.month == 1 && fields.day == 1 && (fields.year == 1900 || fields.year == 1) {
      return .never
    }
    return .instant(fields.milliseconds)
  }
}

/// The fields of a timestamp, validated.
struct TimestampFields {
  var year = 0, month = 0, day = 0
  var hour = 0, minute = 0, second = 0, millisecond = 0
  var offsetSeconds = 0

  var milliseconds: Int64 {
    let days = CivilCalendar.days(year: year, month: month, day: day)
    let seconds = Int64(((hour * 60) + minute) * 60 + second - offsetSeconds)
    return days * CivilCalendar.millisecondsPerDay + seconds * 1000 + Int64(millisecond)
  }

  var isValid: Bool {
    (1...9999).contains(year) && (1...12).contains(month)
      && (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day)
      && (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
  }
}

/// A cursor over ASCII bytes, trimmed of surrounding blanks.
struct Scanner {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var index: Int
  private let end: Int

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    var start = 0
    var end = bytes.count
    while start < end && Self.isBlank(bytes[start]) { start += 1 }
    while end > start && Self.isBlank(bytes[end - 1]) { end -= 1 }
    self.bytes = bytes
    self.index = start
    self.end = end
  }

  var isBlank: Bool { index == end }
  var atEnd: Bool { index == end }
  var peek: UInt8? { index < end ? bytes[index] : nil }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  mutating func eat(_ byte: UInt8) -> Bool {
    guard peek == byte else { return false }
    index += 1
    return true
  }

  /// Reads between `min` and `max` decimal digits. The value saturates at `Int.max` instead of
  /// overflowing, so any run of digits is safe to read.
  mutating func digits(min: Int, max: Int) -> (value: Int, count: Int)? {
    var value = 0
    var count = 0
    while count < max, let byte = peek, byte >= 0x30, byte <= 0x39 {
      value = value <= (Int.max - 9) / 10 ? value * 10 + Int(byte - 0x30) : .max
      count += 1
      index += 1
    }
    return count >= min ? (value, count) : nil
  }

  /// Reads a whole timestamp in any supported shape; `nil` unless it is one and it is valid.
  mutating func timestamp() -> TimestampFields? {
    guard let first = digits(min: 1, max: 4) else { return nil }
    var fields = TimestampFields()
    if first.count == 4, eat(UInt8(ascii: "-")) {
      fields.year = first.value
      guard dashedDate(&fields) else { return nil }
    } else if first.count <= 2, eat(UInt8(ascii: "/")) {
      fields.month = first.value
      guard slashedDate(&fields) else { return nil }
    } else {
      return nil
    }
    return atEnd && fields.isValid ? fields : nil
  }

  /// `-MM-DD` then nothing, `T` + ISO time and zone, or ` ` + Go time, offset and suffixes.
  private mutating func dashedDate(_ fields: inout TimestampFields) -> Bool {
    guard let month = digits(min: 1, max: 2), eat(UInt8(ascii: "-")),
      let day = digits(min: 1, max: 2)
    else { return false }
    fields.month = month.value
    fields.day = day.value
    if atEnd { return true }
    if eat(UInt8(ascii: "T")) || eat(UInt8(ascii: "t")) {
      return time(&fields, fraction: true) && isoZone(&fields)
    }
    guard eat(UInt8(ascii: " ")), time(&fields, fraction: true) else { return false }
    return goZone(&fields)
  }

  /// `/D/YYYY`, then nothing or ` H:M:S`.
  private mutating func slashedDate(_ fields: inout TimestampFields) -> Bool {
    guard let day = digits(min: 1, max: 2), eat(UInt8(ascii: "/")),
      let year = digits(min: 4, max: 4)
    else { return false }
    fields.day = day.value
    fields.year = year.value
    if atEnd { return true }
    return eat(UInt8(ascii: " ")) && time(&fields, fraction: true)
  }

  /// `H:M:S` with one or two digits each, then an optional fraction of 1–9 digits.
  private mutating func time(_ fields: inout TimestampFields, fraction: Bool) -> Bool {
    guard let hour = digits(min: 1, max: 2), eat(UInt8(ascii: ":")),
      let minute = digits(min: 1, max: 2), eat(UInt8(ascii: ":")),
      let second = digits(min: 1, max: 2)
    else { return false }
    fields.hour = hour.value
    fields.minute = minute.value
    fields.second = second.value
    if fraction, eat(UInt8(ascii: ".")) || eat(UInt8(ascii: ",")) {
      guard let digits = digits(min: 1, max: 9) else { return false }
      var millis = digits.value
      if digits.count > 3 {
        for _ in 0..<(digits.count - 3) { millis /= 10 }
      } else {
        for _ in 0..<(3 - digits.count) { millis *= 10 }
      }
      fields.millisecond = millis
      if let next = peek, next >= 0x30, next <= 0x39 { return false }
    }
    return true
  }

  /// ISO zone: none (UTC), `Z`, `±HH:MM`, `±HHMM` or `±HH`.
  private mutating func isoZone(_ fields: inout TimestampFields) -> Bool {
    if atEnd || eat(UInt8(ascii: "Z")) || eat(UInt8(ascii: "z")) { return true }
    return offset(&fields)
  }

  /// Go zone: ` ±HHMM`, then optional ` ABBR` and ` m=±SECONDS`; or a bare ` UTC`/`Z`.
  private mutating func goZone(_ fields: inout TimestampFields) -> Bool {
    if atEnd || eat(UInt8(ascii: "Z")) { return true }
    guard eat(UInt8(ascii: " ")) else { return false }
    if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") {
      guard offset(&fields) else { return false }
    } else {
      guard let name = letters(), name == "UTC" || name == "GMT" || name == "Z" else { return false }
      return atEnd
    }
    if atEnd { return true }
    guard eat(UInt8(ascii: " ")) else { return false }
    if peek != UInt8(ascii: "m") {
      guard abbreviation() else { return false }
      if atEnd { return true }
      guard eat(UInt8(ascii: " ")) else { return false }
    }
    return monotonic()
  }

  /// `±HH:MM`, `±HHMM` or `±HH`, at most 23:59.
  private mutating func offset(_ fields: inout TimestampFields) -> Bool {
    let sign: Int
    if eat(UInt8(ascii: "+")) {
      sign = 1
    } else if eat(UInt8(ascii: "-")) {
      sign = -1
    } else {
      return false
    }
    guard let hours = digits(min: 2, max: 2), hours.value <= 23 else { return false }
    var minutes = 0
    let colon = eat(UInt8(ascii: ":"))
    if let value = digits(min: 2, max: 2) {
      minutes = value.value
    } else if colon {
      return false
    }
    guard minutes <= 59 else { return false }
    fields.offsetSeconds = sign * (hours.value * 3600 + minutes * 60)
    return true
  }

  /// A zone abbreviation: letters (`UTC`, `EST`) or Go's numeric names (`+03`, `-0530`).
  private mutating func abbreviation() -> Bool {
    if eat(UInt8(ascii: "+")) || eat(UInt8(ascii: "-")) {
      return digits(min: 2, max: 4) != nil
    }
    return letters() != nil
  }

  /// Go's monotonic clock reading `m=±12.345678901`.
  private mutating func monotonic() -> Bool {
    guard eat(UInt8(ascii: "m")), eat(UInt8(ascii: "=")),
      eat(UInt8(ascii: "+")) || eat(UInt8(ascii: "-")),
      digits(min: 1, max: 20) != nil
    else { return false }
    if eat(UInt8(ascii: ".")) { return digits(min: 1, max: 20) != nil }
    return true
  }

  /// One to six ASCII letters.
  private mutating func letters() -> String? {
    var name = ""
    while name.count < 6, let byte = peek,
      (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    {
      name.unicodeScalars.append(Unicode.Scalar(byte))
      index += 1
    }
    if let byte = peek, (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) { return nil }
    return name.isEmpty ? nil : name
  }
}

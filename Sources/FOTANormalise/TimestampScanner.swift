/// A cursor over ASCII bytes, trimmed of surrounding blanks.
struct TimestampScanner {
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

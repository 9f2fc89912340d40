/// Proleptic Gregorian calendar arithmetic in UTC, without Foundation (Howard Hinnant's algorithms).
public enum CivilCalendar {
  /// Milliseconds in one day.
  public static let millisecondsPerDay: Int64 = 86_400_000

  /// Days from 1970-01-01 to the given civil date.
  public static func days(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The civil date of a day count from 1970-01-01.
  public static func date(days: Int64) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (Int(year), Int(month), Int(day))
  }

  /// Number of days in a month of a year.
  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 4, 6, 9, 11: return 30
    case 2: return isLeapYear(year) ? 29 : 28
    default: return 31
    }
  }

  /// True for Gregorian leap years.
  public static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// Floor division of milliseconds into whole days, also for instants before 1970.
  public static func floorDays(milliseconds: Int64) -> Int64 {
    let quotient = milliseconds / millisecondsPerDay
    return milliseconds % millisecondsPerDay < 0 ? quotient - 1 : quotient
  }

  /// Reads back what ``iso8601(milliseconds:)`` and ``isoDate(milliseconds:)`` write, exactly:
  /// `2018-03-03T00:28:33.152Z` or `2018-03-03` (midnight UTC); `nil` for any other text. The
  /// history's own instants, not the API's (those go through the upgradeTime parser).
  public static func milliseconds(iso8601 text: String) -> Int64? {
    let bytes = Array(text.utf8)
    guard bytes.count == 10 || bytes.count == 24 else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        guard bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
        value = value * 10 + Int(bytes[index] - 0x30)
      }
      return value
    }
    guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), let year = number(0..<4),
      let month = number(5..<7), let day = number(8..<10), (1...12).contains(month),
      (1...daysInMonth(year: year, month: month)).contains(day)
    else { return nil }
    let midnight = days(year: year, month: month, day: day) * millisecondsPerDay
    guard bytes.count == 24 else { return midnight }
    guard bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z"), let hour = number(11..<13),
      let minute = number(14..<16), let second = number(17..<19), let millisecond = number(20..<23),
      hour < 24, minute < 60, second < 60
    else { return nil }
    return midnight + Int64(((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
  }

  /// Formats an instant as `2018-03-03T00:28:33.152Z`.
  public static func iso8601(milliseconds: Int64) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(24)
    appendISO8601(milliseconds: milliseconds, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends an instant as `2018-03-03T00:28:33.152Z` in UTF-8, without making a `String`.
  public static func appendISO8601(milliseconds: Int64, to bytes: inout [UInt8]) {
    let days = floorDays(milliseconds: milliseconds)
    let remainder = milliseconds - days * millisecondsPerDay
    let (year, month, day) = date(days: days)
    let seconds = Int(remainder / 1000)
    appendDigits(year, width: 4, to: &bytes)
    bytes.append(UInt8(ascii: "-"))
    appendDigits(month, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: "-"))
    appendDigits(day, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: "T"))
    appendDigits(seconds / 3600, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    appendDigits(seconds / 60 % 60, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    appendDigits(seconds % 60, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: "."))
    appendDigits(Int(remainder % 1000), width: 3, to: &bytes)
    bytes.append(UInt8(ascii: "Z"))
  }

  /// Appends `value` in decimal, zero-padded to `width` characters, as `append(_:_:width:)` does.
  private static func appendDigits(_ value: Int, width: Int, to bytes: inout [UInt8]) {
    guard value >= 0 else {
      var text = ""
      append(&text, value, width: width)
      bytes.append(contentsOf: text.utf8)
      return
    }
    var divisor = 1
    var digits = 1
    while divisor <= value / 10 {
      divisor *= 10
      digits += 1
    }
    for _ in digits..<max(width, digits) { bytes.append(UInt8(ascii: "0")) }
    var rest = value
    while divisor > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
      rest %= divisor
      divisor /= 10
    }
  }

  /// Formats the day of an instant as `2018-03-03`.
  public static func isoDate(milliseconds: Int64) -> String {
    let (year, month, day) = date(days: floorDays(milliseconds: milliseconds))
    var text = ""
    append(&text, year, width: 4)
    text += "-"
    append(&text, month, width: 2)
    text += "-"
    append(&text, day, width: 2)
    return text
  }

  private static func append(_ text: inout String, _ value: Int, width: Int) {
    let digits = String(value)
    if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
    text += digits
  }
}

import FOTAModel
import FOTANormalise
import Foundation
import PropertyBased
import Testing

@Suite("upgradeTime parsing")
struct UpgradeTimeParserTests {
  /// Milliseconds since 1970 of a UTC civil time, computed with Foundation's calendar.
  static func utc(
    _ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0,
    ms: Int = 0
  ) -> Int64 {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let date = calendar.date(
      from: DateComponents(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
    return Int64(date.timeIntervalSince1970) * 1000 + Int64(ms)
  }

  static let upgraded: [(String, Int64)] = [
    // Go's time.Time.String(), as the documentation's example.
    ("2018-03-03 00:28:33.152 +0000 UTC", utc(2018, 3, 3, 0, 28, 33, ms: 152)),
    ("2021-06-03 00:03:56.079 +0000 UTC", utc(2021, 6, 3, 0, 3, 56, ms: 79)),
    // 0 to 9 fraction digits, trailing zeros dropped.
    ("2020-11-14 10:45:16 +0000 UTC", utc(2020, 11, 14, 10, 45, 16)),
    ("2022-01-04 02:45:00.6 +0000 UTC", utc(2022, 1, 4, 2, 45, 0, ms: 600)),
    ("2022-01-04 02:45:00.67 +0000 UTC", utc(2022, 1, 4, 2, 45, 0, ms: 670)),
    ("2022-01-04 02:45:00.1234 +0000 UTC", utc(2022, 1, 4, 2, 45, 0, ms: 123)),
    ("2022-01-04 02:45:00.999999999 +0000 UTC", utc(2022, 1, 4, 2, 45, 0, ms: 999)),
    // Any numeric offset, with or without an abbreviation.
    ("2018-03-02 19:28:33.152 -0500 EST", utc(2018, 3, 3, 0, 28, 33, ms: 152)),
    ("2018-03-03 05:58:33.152 +0530 IST", utc(2018, 3, 3, 0, 28, 33, ms: 152)),
    ("2018-03-03 05:58:33.152 +0530 +0530", utc(2018, 3, 3, 0, 28, 33, ms: 152)),
    ("2018-03-03 00:28:33.152 +0000", utc(2018, 3, 3, 0, 28, 33, ms: 152)),
    // The monotonic clock suffix.
    ("2018-03-03 00:28:33.152 +0000 UTC m=+12.345678901", utc(2018, 3, 3, 0, 28, 33, ms: 152)),
    ("2018-03-03 00:28:33.152 +0000 UTC m=-0.000000001", utc(2018, 3, 3, 0, 28, 33, ms: 152)),
    // ISO 8601 / RFC 3339.
    ("2018-03-03T16:03:33.000Z", utc(2018, 3, 3, 16, 3, 33)),
    ("2022-10-05T21:05:01.19Z", utc(2022, 10, 5, 21, 5, 1, ms: 190)),
    ("2018-03-05T19:07:21Z", utc(2018, 3, 5, 19, 7, 21)),
    ("2018-03-05T19:07:21+00:00", utc(2018, 3, 5, 19, 7, 21)),
    ("2018-03-05T19:07:21.5+0000", utc(2018, 3, 5, 19, 7, 21, ms: 500)),
    ("2018-03-05T14:07:21-05:00", utc(2018, 3, 5, 19, 7, 21)),
    ("2018-03-06T01:07:21+0600", utc(2018, 3, 5, 19, 7, 21)),
    // M/D/YYYY H:M:S, one or two digits per field, as UTC.
    ("10/22/2020 19:35:07", utc(2020, 10, 22, 19, 35, 7)),
    ("1/2/2021 3:4:5", utc(2021, 1, 2, 3, 4, 5)),
    // A date alone is midnight UTC.
    ("2018-04-01", utc(2018, 4, 1)),
    // Leap day, surrounding blanks.
    ("  2024-02-29T12:00:00Z ", utc(2024, 2, 29, 12)),
  ]

  @Test("an upgrade instant in every supported shape", arguments: upgraded)
  func upgradedShapes(text: String, expected: Int64) {
    let parsed = UpgradeTimeParser.parse(text)
    #expect(parsed.state == .upgraded)
    #expect(parsed.milliseconds == expected)
    #expect(parsed.raw == text)
  }

  @Test(
    "the never-upgraded sentinel in any shape, and Go's zero time",
    arguments: [
      "01/01/1900 0:0:0", "1/1/1900 00:00:00", "01/01/1900", "1900-01-01",
      "1900-01-01 00:00:00 +0000 UTC", "1900-01-01T00:00:00.000Z", "1900-01-01T00:00:00Z",
      "0001-01-01 00:00:00 +0000 UTC", "0001-01-01T00:00:00Z",
    ])
  func never(text: String) {
    let parsed = UpgradeTimeParser.parse(text)
    #expect(parsed.state == .never)
    #expect(parsed.milliseconds == nil)
  }

  @Test("missing, null, empty or blank is unknown", arguments: [nil, "", " ", "\t\n"] as [String?])
  func unknown(text: String?) {
    let parsed = UpgradeTimeParser.parse(text)
    #expect(parsed.state == .unknown)
    #expect(parsed.raw == text)
  }

  @Test(
    "anything else is invalid and keeps its raw text",
    arguments: [
      "yesterday", "N/A", "2021-13-01 00:00:00 +0000 UTC", "10/22/2020 99:35:07",
      "2023-02-29T10:00:00Z", "2021-04-31", "2021-01-01T24:00:00Z", "2021-01-01T10:60:00Z",
      "2021/06/03", "03-06-2021 10:00", "2018-03-03 00:28:33.1234567890 +0000 UTC",
      "2018-03-03 00:28:33. +0000 UTC", "2018-03-03T00:28:33.152Q", "2018-03-03 00:28:33 +2400 UTC",
      "2018-03-03 00:28:33 +0000 UTC trailing", "0000-01-01", "1600000000",
    ])
  func invalid(text: String) {
    let parsed = UpgradeTimeParser.parse(text)
    #expect(parsed.state == .invalid)
    #expect(parsed.raw == text)
    #expect(parsed.milliseconds == nil)
  }

  @Test(
    "any run of digits in any field is a value or invalid, never a trap",
    arguments: [
      "2018-03-03 00:28:33.152 +0000 UTC m=+" + String(repeating: "9", count: 40),
      "2018-03-03 00:28:33.152 +0000 UTC m=-9." + String(repeating: "9", count: 5_000),
      "2018-03-03 00:28:33." + String(repeating: "9", count: 5_000) + " +0000 UTC",
      String(repeating: "9", count: 5_000) + "-01-01", "01/01/" + String(repeating: "1", count: 30),
      "2018-03-03T00:28:33+" + String(repeating: "9", count: 30), "9223372036854775808-1-1",
      "2018-03-03 00:28:33.152 +0000 " + String(repeating: "9", count: 300),
    ])
  func overflow(text: String) {
    let parsed = UpgradeTimeParser.parse(text)
    #expect(parsed.state == .invalid || parsed.state == .upgraded)
    #expect(UpgradeTimeParser.instant(text) == parsed.milliseconds)
  }

  @Test("random text of timestamp characters never traps")
  func randomText() async {
    let alphabet = Array("0123456789999999 :-/.+,TtZzm=UTCGMEST")
    await propertyCheck(count: 2_000, input: Gen.int(in: 0...alphabet.count - 1).array(of: 0...120)) {
      indices in
      let text = String(indices.map { alphabet[$0] })
      let parsed = UpgradeTimeParser.parse(text)
      #expect(parsed.raw == text)
    }
  }

  @Test("output format is UTC with milliseconds")
  func formatting() {
    #expect(
      UpgradeTimeParser.parse("2018-03-03 00:28:33.152 +0000 UTC").iso8601 == "2018-03-03T00:28:33.152Z")
    #expect(UpgradeTimeParser.parse("2018-04-01").iso8601 == "2018-04-01T00:00:00.000Z")
    #expect(UpgradeTimeParser.parse("01/01/1900 0:0:0").iso8601 == "")
    #expect(CivilCalendar.iso8601(milliseconds: -1) == "1969-12-31T23:59:59.999Z")
  }

  // MARK: Properties against Foundation's own formatting.

  /// Instants from 1901 to 2199 on a whole millisecond.
  static let instants = Gen.int64(in: utc(1901, 1, 2)...utc(2199, 12, 31))

  /// A Date in the middle of the millisecond, so no formatter can round it into the next one.
  static func date(_ milliseconds: Int64) -> Date {
    Date(timeIntervalSince1970: (Double(milliseconds) + 0.4) / 1000)
  }

  static func formatter(_ format: String, offsetMinutes: Int = 0) -> DateFormatter {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.calendar = Calendar(identifier: .gregorian)
    formatter.timeZone = TimeZone(secondsFromGMT: offsetMinutes * 60)!
    formatter.dateFormat = format
    return formatter
  }

  @Test("Go form written by DateFormatter, at any offset")
  func goFormProperty() async {
    await propertyCheck(input: Self.instants, Gen.int(in: -12 * 4...14 * 4)) { milliseconds, quarters in
      let text =
        Self.formatter("yyyy-MM-dd HH:mm:ss.SSS Z", offsetMinutes: quarters * 15)
        .string(from: Self.date(milliseconds)) + " XYZ"
      #expect(UpgradeTimeParser.parse(text).milliseconds == milliseconds, "\(text)")
    }
  }

  @Test("RFC 3339 written by ISO8601DateFormatter, at any offset")
  func isoProperty() async {
    await propertyCheck(input: Self.instants, Gen.int(in: -12 * 4...14 * 4)) { milliseconds, quarters in
      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
      formatter.timeZone = TimeZone(secondsFromGMT: quarters * 15 * 60)!
      let text = formatter.string(from: Self.date(milliseconds))
      #expect(UpgradeTimeParser.parse(text).milliseconds == milliseconds, "\(text)")
    }
  }

  @Test("M/D/YYYY H:M:S and bare dates written by DateFormatter")
  func slashedProperty() async {
    await propertyCheck(input: Self.instants) { milliseconds in
      let seconds = milliseconds - ((milliseconds % 1000) + 1000) % 1000
      let date = Self.date(seconds)
      let slashed = Self.formatter("M/d/yyyy H:m:s").string(from: date)
      #expect(UpgradeTimeParser.parse(slashed).milliseconds == seconds, "\(slashed)")
      let day = Self.formatter("yyyy-MM-dd").string(from: date)
      let midnight = CivilCalendar.floorDays(milliseconds: seconds) * CivilCalendar.millisecondsPerDay
      #expect(UpgradeTimeParser.parse(day).milliseconds == midnight, "\(day)")
    }
  }

  @Test("our UTC formatting matches ISO8601DateFormatter's")
  func formattingProperty() async {
    await propertyCheck(input: Self.instants) { milliseconds in
      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
      #expect(
        CivilCalendar.iso8601(milliseconds: milliseconds)
          == formatter.string(from: Self.date(milliseconds)))
    }
  }
}

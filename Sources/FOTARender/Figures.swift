import FOTAModel

/// Deterministic number and date formatting for every report.
public enum Figures {
  /// `part` as a percentage of `whole` with one decimal, rounded half up (`"71.2"`; see ``Percentage``).
  public static func percent(_ part: Int, of whole: Int) -> String {
    Percentage(part, of: whole).text
  }

  /// An integer with thousands separators (`"25,000"`).
  public static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (offset, character) in digits.enumerated() {
      if offset > 0 && (digits.count - offset) % 3 == 0 { out += "," }
      out.append(character)
    }
    return (value < 0 ? "-" : "") + out
  }

  /// An instant as `2026-11-01 00:00 UTC`.
  public static func readableInstant(_ milliseconds: Int64) -> String {
    let iso = CivilCalendar.iso8601(milliseconds: milliseconds)
    return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5) + " UTC"
  }

  /// Seconds with two decimals (`"1.25"`).
  public static func seconds(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  /// A non-negative number with one decimal (`"12.5"`).
  public static func decimal(_ value: Double) -> String {
    let tenths = Int((max(value, 0) * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }

  /// Seconds rounded to milliseconds, for JSON.
  public static func roundedSeconds(_ value: Double) -> Double {
    (value * 1000).rounded() / 1000
  }
}

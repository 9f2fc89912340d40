import FOTAModel

/// Every way the synthetic fleet writes `upgradeTime`, with how common each is.
public enum UpgradeShape: String, Sendable, CaseIterable {
  case goMillis, goVariableFraction, goOffsetZone, goNumericZone, goMonotonic, goNoZoneName
  case isoMillisZ, isoCentisZ, isoSecondsZ, isoColonOffset, isoCompactOffset
  case slashed, slashedShortFields, dateOnly
  case sentinel, sentinelGo, sentinelISO, goZero
  case missing, null, empty, blank
  case invalidText, impossibleMonth, impossibleHour, impossibleDay, numeric

  /// Relative frequency in the fleet.
  var weight: Int {
    switch self {
    case .goMillis: 330
    case .goVariableFraction: 80
    case .goOffsetZone: 40
    case .goNumericZone, .goNoZoneName: 5
    case .goMonotonic: 15
    case .isoMillisZ: 100
    case .isoCentisZ, .isoSecondsZ, .slashed: 30
    case .isoColonOffset, .dateOnly: 20
    case .isoCompactOffset, .slashedShortFields, .goZero: 10
    case .sentinel: 140
    case .sentinelGo, .sentinelISO: 5
    case .missing, .null: 20
    case .empty: 8
    case .blank: 4
    case .invalidText: 3
    case .impossibleMonth, .impossibleHour, .impossibleDay, .numeric: 2
    }
  }

  static let weights = allCases.map(\.weight)

  /// The JSON member value for an upgrade at `instant` (milliseconds), or `nil` to omit the key.
  func json(instant: Int64, random: inout SplitMix64) -> String? {
    switch self {
    case .missing: return nil
    case .null: return "null"
    case .numeric: return String(instant / 1000)
    default: return JSONText.string(text(instant: instant, random: &random))
    }
  }

  private func text(instant: Int64, random: inout SplitMix64) -> String {
    let utc = Stamp(instant)
    switch self {
    case .goMillis: return "\(utc.date) \(utc.time).\(utc.millis) +0000 UTC"
    case .goVariableFraction:
      let nanos = Int(utc.millisValue) * 1_000_000 + random.below(1_000_000)
      let digits = random.below(10)
      return "\(utc.date) \(utc.time)\(Stamp.goFraction(nanos: nanos, digits: digits)) +0000 UTC"
    case .goOffsetZone:
      let zones = [(-300, "EST"), (-240, "EDT"), (60, "CET"), (330, "IST"), (-420, "MST")]
      let (minutes, name) = zones[random.below(zones.count)]
      let local = Stamp(instant + Int64(minutes) * 60_000)
      return "\(local.date) \(local.time).\(local.millis) \(Stamp.offset(minutes)) \(name)"
    case .goNumericZone:
      let local = Stamp(instant + 330 * 60_000)
      return "\(local.date) \(local.time).\(local.millis) +0530 +0530"
    case .goMonotonic:
      return
        "\(utc.date) \(utc.time).\(utc.millis)\(random.below(900_000) + 100_000) +0000 UTC m=+\(random.below(90_000)).\(random.below(900_000_000) + 100_000_000)"
    case .goNoZoneName: return "\(utc.date) \(utc.time).\(utc.millis) +0000"
    case .isoMillisZ: return "\(utc.date)T\(utc.time).\(utc.millis)Z"
    case .isoCentisZ: return "\(utc.date)T\(utc.time).\(utc.millis.prefix(2))Z"
    case .isoSecondsZ: return "\(utc.date)T\(utc.time)Z"
    case .isoColonOffset:
      let local = Stamp(instant - 5 * 3_600_000)
      return "\(local.date)T\(local.time).\(local.millis)-05:00"
    case .isoCompactOffset: return "\(utc.date)T\(utc.time).\(utc.millis)+0000"
    case .slashed: return "\(utc.slashedDate) \(utc.time)"
    case .slashedShortFields:
      return "\(utc.month)/\(utc.day)/\(utc.year) \(utc.hour):\(utc.minute):\(utc.second)"
    case .dateOnly: return utc.date
    case .sentinel: return "01/01/1900 0:0:0"
    case .sentinelGo: return "1900-01-01 00:00:00 +0000 UTC"
    case .sentinelISO: return "1900-01-01T00:00:00.000Z"
    case .goZero: return "0001-01-01 00:00:00 +0000 UTC"
    case .empty: return ""
    case .blank: return "   "
    case .invalidText: return ["yesterday", "N/A", "2021/06/03", "03-06-2021 10:00"][random.below(4)]
    case .impossibleMonth: return "2021-13-01 00:00:00 +0000 UTC"
    case .impossibleHour: return "10/22/2020 99:35:07"
    case .impossibleDay: return "2023-02-29T10:00:00Z"
    case .missing, .null, .numeric: return ""
    }
  }
}

/// The calendar fields of an instant, as zero-padded text.
private struct Stamp {
  let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
  let millisValue: Int64

  init(_ instant: Int64) {
    let days = CivilCalendar.floorDays(milliseconds: instant)
    let remainder = instant - days * CivilCalendar.millisecondsPerDay
    (year, month, day) = CivilCalendar.date(days: days)
    let seconds = Int(remainder / 1000)
    hour = seconds / 3600
    minute = seconds / 60 % 60
    second = seconds % 60
    millisValue = remainder % 1000
  }

  var date: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }
  var slashedDate: String { "\(Self.pad(month, 2))/\(Self.pad(day, 2))/\(Self.pad(year, 4))" }
  var time: String { "\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2))" }
  var millis: String { Self.pad(Int(millisValue), 3) }

  static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    guard digits.utf8.count < width else { return digits }
    return String(repeating: "0", count: width - digits.utf8.count) + digits
  }

  static func offset(_ minutes: Int) -> String {
    (minutes < 0 ? "-" : "+") + pad(abs(minutes) / 60, 2) + pad(abs(minutes) % 60, 2)
  }

  /// Go's `.999999999` fraction: `digits` digits of the nanoseconds, trailing zeros dropped.
  static func goFraction(nanos: Int, digits: Int) -> String {
    var text = String(pad(nanos, 9).prefix(digits))
    while text.hasSuffix("0") { text.removeLast() }
    return text.isEmpty ? "" : "." + text
  }
}

/// How long ago a device was last upgraded, relative to the report's as-of instant.
public enum UpgradeAgeBucket: String, Sendable, Codable, DeclarationOrdered {
  case under30Days = "under-30-days"
  case days30To89 = "30-89-days"
  case days90To364 = "90-364-days"
  case days365Plus = "365-days-plus"
  case never
  case unknown
  case invalid

  /// Human label for tables and charts.
  public var label: String {
    switch self {
    case .under30Days: "under 30 days"
    case .days30To89: "30–89 days"
    case .days90To364: "90–364 days"
    case .days365Plus: "365 days and over"
    case .never: "never upgraded"
    case .unknown: "unknown"
    case .invalid: "invalid"
    }
  }

  /// The bucket of an upgrade time; an instant after `asOf` counts as under 30 days.
  public init(_ upgrade: UpgradeTime, asOf: Int64) {
    switch upgrade.state {
    case .never: self = .never
    case .unknown: self = .unknown
    case .invalid: self = .invalid
    case .upgraded:
      switch Self.ageDays(upgrade, asOf: asOf)! {
      case ..<30: self = .under30Days
      case 30..<90: self = .days30To89
      case 90..<365: self = .days90To364
      default: self = .days365Plus
      }
    }
  }

  /// Whole days from the upgrade to `asOf` (negative when in the future); `nil` unless upgraded.
  public static func ageDays(_ upgrade: UpgradeTime, asOf: Int64) -> Int64? {
    guard upgrade.state == .upgraded, let instant = upgrade.milliseconds else { return nil }
    return CivilCalendar.floorDays(milliseconds: asOf - instant)
  }
}

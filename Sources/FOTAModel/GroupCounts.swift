/// The figures kept for every group of devices.
public struct GroupCounts: Sendable, Equatable, Codable {
  public var devices = 0
  public var fotaEligible = 0
  public var licenseAssigned = 0
  public var ready = 0
  public var needsLicense = 0
  public var ineligible = 0
  public var upgraded = 0
  public var neverUpgraded = 0
  public var unknownUpgrade = 0
  public var invalidUpgrade = 0
  /// Most recent upgrade instant in the group (milliseconds since 1970).
  public var latestUpgrade: Int64?

  /// Creates zero counts.
  public init() {}

  /// Adds one device.
  public mutating func add(_ device: Device, readiness: Readiness) {
    devices += 1
    if device.fotaEligible { fotaEligible += 1 }
    if device.licenseAssigned { licenseAssigned += 1 }
    switch readiness {
    case .ready: ready += 1
    case .needsLicense: needsLicense += 1
    case .ineligible: ineligible += 1
    }
    switch device.upgrade.state {
    case .upgraded:
      upgraded += 1
      if let instant = device.upgrade.milliseconds, instant > (latestUpgrade ?? .min) {
        latestUpgrade = instant
      }
    case .never: neverUpgraded += 1
    case .unknown: unknownUpgrade += 1
    case .invalid: invalidUpgrade += 1
    }
  }

  /// Share of ready devices, 0–100.
  public var readyPercent: Double { percent(ready) }

  /// `part` as a percentage of the group's devices (0 for an empty group).
  public func percent(_ part: Int) -> Double {
    devices == 0 ? 0 : Double(part) * 100 / Double(devices)
  }
}

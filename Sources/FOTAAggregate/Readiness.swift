import FOTANormalise

/// Whether a device can take a FOTA campaign today.
public enum Readiness: String, Sendable, CaseIterable, Codable, Comparable {
  /// FOTA-eligible and licensed.
  case ready
  /// FOTA-eligible, no license assigned.
  case needsLicense = "needs-license"
  /// Not FOTA-eligible.
  case ineligible

  /// The readiness of a device.
  public init(_ device: Device) {
    self = device.fotaEligible ? (device.licenseAssigned ? .ready : .needsLicense) : .ineligible
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

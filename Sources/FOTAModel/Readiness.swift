/// Whether a device can take a FOTA campaign today.
public enum Readiness: String, Sendable, Codable, DeclarationOrdered {
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
}

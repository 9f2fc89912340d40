/// Whether a device can take a FOTA campaign today.
public enum Readiness: String, Sendable, Codable, DeclarationOrdered {
  /// FOTA-eligible and licensed.
  case ready
  /// FOTA-eligible, no license assigned.
  case needsLicense = "needs-license"
  /// Not FOTA-eligible.
  case ineligible

  /// The readiness of a device with these flags: the one definition of the rule.
  public init(fotaEligible: Bool, licenseAssigned: Bool) {
    self = fotaEligible ? (licenseAssigned ? .ready : .needsLicense) : .ineligible
  }

  /// The readiness of a device.
  public init(_ device: Device) {
    self.init(fotaEligible: device.fotaEligible, licenseAssigned: device.licenseAssigned)
  }
}

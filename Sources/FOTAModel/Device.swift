/// A device after normalisation: every field present, booleans decided, `upgradeTime` read.
public struct Device: Sendable, Hashable {
  /// IMEI (`deviceId`), never empty.
  public var deviceId: String
  /// Phone number: personal data, for the ops team's files only.
  public var mdn: String
  public var make: String
  public var model: String
  public var firmware: String
  /// `OMADM`, `LWM2M`, something else, or empty when not reported.
  public var clientType: String
  /// Provisioning state, or empty when not reported.
  public var status: String
  public var fotaEligible: Bool
  public var licenseAssigned: Bool
  public var upgrade: UpgradeTime

  /// Creates a device.
  public init(
    deviceId: String, mdn: String = "", make: String = "", model: String = "",
    firmware: String = "", clientType: String = "", status: String = "",
    fotaEligible: Bool = false, licenseAssigned: Bool = false,
    upgrade: UpgradeTime = UpgradeTime(state: .unknown)
  ) {
    self.deviceId = deviceId
    self.mdn = mdn
    self.make = make
    self.model = model
    self.firmware = firmware
    self.clientType = clientType
    self.status = status
    self.fotaEligible = fotaEligible
    self.licenseAssigned = licenseAssigned
    self.upgrade = upgrade
  }
}

/// One element of `deviceList` in a device-list response, every field as it arrived.
public struct WireDevice: Sendable, Hashable {
  public var deviceId: WireValue
  public var mdn: WireValue
  public var make: WireValue
  public var model: WireValue
  public var firmware: WireValue
  public var fotaEligible: WireValue
  public var licenseAssigned: WireValue
  public var upgradeTime: WireValue
  public var status: WireValue
  public var clientType: WireValue

  /// Creates a device from its wire values; absent fields default to `.missing`.
  public init(
    deviceId: WireValue = .missing, mdn: WireValue = .missing, make: WireValue = .missing,
    model: WireValue = .missing, firmware: WireValue = .missing,
    fotaEligible: WireValue = .missing, licenseAssigned: WireValue = .missing,
    upgradeTime: WireValue = .missing, status: WireValue = .missing,
    clientType: WireValue = .missing
  ) {
    self.deviceId = deviceId
    self.mdn = mdn
    self.make = make
    self.model = model
    self.firmware = firmware
    self.fotaEligible = fotaEligible
    self.licenseAssigned = licenseAssigned
    self.upgradeTime = upgradeTime
    self.status = status
    self.clientType = clientType
  }
}

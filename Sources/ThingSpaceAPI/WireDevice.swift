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

extension WireDevice: Decodable {
  enum CodingKeys: String, CodingKey {
    case deviceId, mdn, make, model, firmware, fotaEligible, licenseAssigned, upgradeTime, status,
      clientType
  }

  /// Decodes leniently: unknown keys are ignored and no member can fail the record.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    deviceId = container.wireValue(forKey: .deviceId)
    mdn = container.wireValue(forKey: .mdn)
    make = container.wireValue(forKey: .make)
    model = container.wireValue(forKey: .model)
    firmware = container.wireValue(forKey: .firmware)
    fotaEligible = container.wireValue(forKey: .fotaEligible, expectingBool: true)
    licenseAssigned = container.wireValue(forKey: .licenseAssigned, expectingBool: true)
    upgradeTime = container.wireValue(forKey: .upgradeTime)
    status = container.wireValue(forKey: .status)
    clientType = container.wireValue(forKey: .clientType)
  }
}

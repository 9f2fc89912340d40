import ThingSpaceAPI

/// One device object read by Foundation's `JSONDecoder`, for the reference decoder.
extension WireDevice: Decodable {
  enum CodingKeys: String, CodingKey {
    case deviceId, mdn, make, model, firmware, fotaEligible, licenseAssigned, upgradeTime, status,
      clientType
  }

  /// Decodes leniently: unknown keys are ignored and no member can fail the record.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      deviceId: container.wireValue(forKey: .deviceId), mdn: container.wireValue(forKey: .mdn),
      make: container.wireValue(forKey: .make), model: container.wireValue(forKey: .model),
      firmware: container.wireValue(forKey: .firmware),
      fotaEligible: container.wireValue(forKey: .fotaEligible, expectingBool: true),
      licenseAssigned: container.wireValue(forKey: .licenseAssigned, expectingBool: true),
      upgradeTime: container.wireValue(forKey: .upgradeTime), status: container.wireValue(forKey: .status),
      clientType: container.wireValue(forKey: .clientType))
  }
}

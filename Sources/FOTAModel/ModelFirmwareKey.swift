/// A make, model and firmware.
public struct ModelFirmwareKey: Sendable, Hashable, Comparable, Codable {
  public var model: ModelKey
  public var firmware: String

  public init(model: ModelKey, firmware: String) {
    self.model = model
    self.firmware = firmware
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.model, lhs.firmware) < (rhs.model, rhs.firmware)
  }
}

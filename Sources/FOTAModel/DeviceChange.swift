/// One changed field of one device since the previous run: a row of `changes.csv`.
public struct DeviceChange: Sendable, Hashable {
  /// What changed.
  public enum Kind: String, Sendable, CaseIterable, Codable {
    case added, removed, firmware, fotaEligible, licenseAssigned, status, clientType, upgradeTime
  }

  public var deviceId: String
  public var make: String
  public var model: String
  public var kind: Kind
  /// The value before (empty for `added`).
  public var before: String
  /// The value after (empty for `removed`).
  public var after: String

  /// Creates a change.
  public init(deviceId: String, make: String, model: String, kind: Kind, before: String, after: String) {
    self.deviceId = deviceId
    self.make = make
    self.model = model
    self.kind = kind
    self.before = before
    self.after = after
  }
}

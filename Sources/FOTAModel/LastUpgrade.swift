/// A device's latest entry in the upgrades ThingSpace reported tonight (by `startDate`, then the
/// order the API gave), as `upgrade-plan.csv` shows it.
public struct LastUpgrade: Sendable, Hashable {
  /// The upgrade's id.
  public var upgradeId: String
  /// The version the upgrade moves to.
  public var firmwareTo: String
  /// The upgrade's status, as ThingSpace spells it.
  public var upgradeStatus: String
  /// The device's status in it, as reported (`UpgradeFailed`, `InProgress`, …).
  public var deviceStatus: String
  /// Why it failed, when reported.
  public var reason: String
  /// Whether the device's status reads as `UpgradeSuccess`.
  public var succeeded: Bool

  /// Creates an entry.
  public init(
    upgradeId: String, firmwareTo: String, upgradeStatus: String, deviceStatus: String, reason: String,
    succeeded: Bool
  ) {
    self.succeeded = succeeded
    self.upgradeId = upgradeId
    self.firmwareTo = firmwareTo
    self.upgradeStatus = upgradeStatus
    self.deviceStatus = deviceStatus
    self.reason = reason
  }
}

extension LastUpgrade {
  /// Whether ThingSpace says this upgrade succeeded on a device whose firmware tonight is another
  /// version than the upgrade's `firmwareTo`: a data-quality finding, not a plan.
  public func isContradicted(byFirmware firmware: String) -> Bool {
    succeeded && firmware != firmwareTo
  }
}

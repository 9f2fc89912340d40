/// One device's plan: its status, the path when one exists, and its latest upgrade when
/// ThingSpace reported one.
public struct DevicePlan: Sendable, Hashable {
  public var status: PlanStatus
  public var path: FirmwarePath?
  /// Where `path` stands in the night's ``PlanTables/paths``, which the spool stores instead of it.
  public var pathIndex: Int?
  /// The device's latest upgrade, when tonight's upgrade reports name it.
  public var lastUpgrade: LastUpgrade?
  /// Where the device stands in the night's upgrade reports (``PlanTables/lastUpgrades``), which
  /// the spool stores instead of `lastUpgrade`.
  public var campaignIndex: Int?

  public init(
    status: PlanStatus, path: FirmwarePath?, pathIndex: Int? = nil, lastUpgrade: LastUpgrade? = nil,
    campaignIndex: Int? = nil
  ) {
    self.status = status
    self.path = path
    self.pathIndex = pathIndex
    self.lastUpgrade = lastUpgrade
    self.campaignIndex = campaignIndex
  }
}

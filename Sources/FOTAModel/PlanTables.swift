/// The night's tables that devices' plans refer to by index (so the spool stores two numbers, not
/// the values): the ways on the firmware list offers, and each device's latest upgrade.
public struct PlanTables: Sendable {
  /// The ways on, as ``DevicePlan/pathIndex`` counts them.
  public var paths: [FirmwarePath]
  /// The latest upgrade of each device in tonight's upgrade reports, as
  /// ``DevicePlan/campaignIndex`` counts them.
  public var lastUpgrades: [LastUpgrade]

  /// Creates the tables.
  public init(paths: [FirmwarePath] = [], lastUpgrades: [LastUpgrade] = []) {
    self.paths = paths
    self.lastUpgrades = lastUpgrades
  }

  /// No tables: plans read without them have no path and no upgrade.
  public static let empty = PlanTables()
}

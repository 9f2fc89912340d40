/// What history adds to a night's reports: the changes, the trends, and last night's upgrades.
public struct NightHistory: Sendable, Equatable {
  public var delta: FleetDelta
  public var trends: FleetTrends
  /// The previous night's upgrades by id, when that night read the upgrade reports.
  public var upgradesBefore: [String: UpgradeTotals]?

  /// Creates a history report.
  public init(delta: FleetDelta, trends: FleetTrends, upgradesBefore: [String: UpgradeTotals]? = nil) {
    self.delta = delta
    self.trends = trends
    self.upgradesBefore = upgradesBefore
  }
}

/// What history adds to a night's reports: the changes and the trends.
public struct NightHistory: Sendable, Equatable {
  public var delta: FleetDelta
  public var trends: FleetTrends

  /// Creates a history report.
  public init(delta: FleetDelta, trends: FleetTrends) {
    self.delta = delta
    self.trends = trends
  }
}

/// Firmware adoption over the last nights, per model, with the pace of upgrades.
public struct FleetTrends: Sendable, Equatable {
  /// The nights in the window, oldest first (`YYYY-MM-DD`).
  public var nights: [String]
  /// The share, in percent, a projection aims for.
  public var targetPercent: Double
  /// One trend per model, largest model first.
  public var models: [ModelTrend]

  /// Creates trends.
  public init(nights: [String], targetPercent: Double, models: [ModelTrend]) {
    self.nights = nights
    self.targetPercent = targetPercent
    self.models = models
  }
}

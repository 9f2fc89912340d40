import FOTAAggregate
import FOTAModel
import FOTAPlan

/// What collection gathered: the figures, the groups, the data problems, the spooled devices
/// (with their plans) and the fleet's plan.
public struct CollectedNight {
  public var figures: RunFigures
  public var summary: FleetSummary
  public var diagnostics: Diagnostics
  public var spool: DeviceSpool
  /// Upgrade planning, when asked for.
  public var planning: PlanningResult?

  public init(
    figures: RunFigures, summary: FleetSummary, diagnostics: Diagnostics, spool: DeviceSpool,
    planning: PlanningResult?
  ) {
    self.figures = figures
    self.summary = summary
    self.diagnostics = diagnostics
    self.spool = spool
    self.planning = planning
  }

  /// The spooled devices in IMEI order, with their plans.
  public func devices() throws -> SpooledDevices {
    try spool.devicesInIMEIOrder(paths: planning?.paths ?? [])
  }
}

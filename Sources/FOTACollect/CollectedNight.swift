import FOTAModel
import FOTANightDevices
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
  /// True when the sink was handed every counted device, in IMEI order, while collecting; false
  /// when there was none or the order broke (the outputs are then written from the spool).
  public var sinkFed: Bool

  public init(
    figures: RunFigures, summary: FleetSummary, diagnostics: Diagnostics, spool: DeviceSpool,
    planning: PlanningResult?, sinkFed: Bool = false
  ) {
    self.sinkFed = sinkFed
    self.figures = figures
    self.summary = summary
    self.diagnostics = diagnostics
    self.spool = spool
    self.planning = planning
  }

  /// The spooled devices in IMEI order, with their plans.
  public func devices() throws -> SpooledDevices {
    try spool.devicesInIMEIOrder(tables: planning?.tables ?? .empty)
  }
}

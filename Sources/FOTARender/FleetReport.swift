import FOTAAggregate
import FOTANormalise
import FOTAPlan

/// Everything a renderer needs: the run, the grouped figures, the data problems, the devices.
public struct FleetReport {
  public var info: RunInfo
  public var summary: FleetSummary
  public var diagnostics: Diagnostics
  /// Per-device rows in IMEI order, for the outputs that list devices.
  public var devices: SpooledDevices
  /// What changed since the previous run, when history is kept.
  public var delta: FleetDelta?
  /// Adoption trends over the last nights, when history is kept.
  public var trends: FleetTrends?
  /// Upgrade planning, when asked for.
  public var planning: PlanningReport?
  /// Whether history is kept at all (without it, the reports say nothing of changes).
  public var historyEnabled = false
  /// Why the history asked for could not be used tonight; the reports say so at the top.
  public var historyProblem: String?

  /// Creates a report.
  public init(info: RunInfo, summary: FleetSummary, diagnostics: Diagnostics, devices: SpooledDevices) {
    self.info = info
    self.summary = summary
    self.diagnostics = diagnostics
    self.devices = devices
  }
}

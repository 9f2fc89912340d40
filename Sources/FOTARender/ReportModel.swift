import FOTAModel
import FOTANightDevices
import FOTAPlan

/// Everything the renderers show of a night: the run's figures, the grouped figures, the data
/// problems, the devices with their plans, and what history and planning add.
public struct ReportModel {
  public var figures: RunFigures
  public var summary: FleetSummary
  public var diagnostics: Diagnostics
  /// Per-device rows in IMEI order, each with its plan, for the files that list devices.
  public var devices: SpooledDevices
  /// What changed since the previous run, when history is kept.
  public var delta: FleetDelta?
  /// Adoption trends over the last nights, when history is kept.
  public var trends: FleetTrends?
  /// Upgrade planning, when asked for.
  public var planning: PlanningResult?
  /// The campaigns section, when planning read the upgrade reports.
  public var campaigns: CampaignReview?
  /// Whether history is part of tonight's report (without it, the reports say nothing of changes).
  public var historyEnabled = false
  /// Why the history asked for could not be used tonight; the reports say so at the top.
  public var historyProblem: String?

  /// Creates a model.
  public init(figures: RunFigures, summary: FleetSummary, diagnostics: Diagnostics, devices: SpooledDevices) {
    self.figures = figures
    self.summary = summary
    self.diagnostics = diagnostics
    self.devices = devices
  }
}

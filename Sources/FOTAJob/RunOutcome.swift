import FOTAHistory
import FOTAModel
import FOTAPlan
import FOTARender
import Foundation

/// What a successful run published.
public struct RunOutcome: Sendable {
  /// The run's completeness figures.
  public var figures: RunFigures
  /// The grouped figures.
  public var summary: FleetSummary
  /// Per-record data problems.
  public var diagnostics: Diagnostics
  /// What changed since the previous run, when history is kept.
  public var delta: FleetDelta?
  /// Adoption trends over the last nights, when history is kept.
  public var trends: FleetTrends?
  /// The published report folder.
  public var output: URL
  /// Files in it, by name.
  public var files: [String]
  /// The history's id for this night, when it was recorded.
  public var historyRunId: Int64?
  /// How the night was compared with the one before, when history is kept.
  public var historyComparison: HistoryComparison?
  /// What of the night's record could not be written (the history, the saved pages) although
  /// the report was published; the command exits 4 when there is any.
  public var incompleteRecord: [String] = []
  /// How the summary was sent, when it was asked for.
  public var delivery: DeliveryResult?
  /// Devices planned for an upgrade, when planning ran.
  public var readyToUpgrade: Int?
  /// Seconds per stage, in the order they ran.
  public var stageSeconds: [(stage: String, seconds: Double)] = []

  /// What the report of `model` published into `output`.
  init(model: ReportModel, output: URL, files: [String]) {
    figures = model.figures
    summary = model.summary
    diagnostics = model.diagnostics
    delta = model.delta
    trends = model.trends
    readyToUpgrade = model.planning?.plan?.funnel.ready
    self.output = output
    self.files = files
  }

  /// The outcome of sending `summary.eml`.
  public enum DeliveryResult: Sendable, Equatable {
    /// Sent through the named delivery.
    case sent(via: String)
    /// Not sent: the reason, one line.
    case failed(String)
  }
}

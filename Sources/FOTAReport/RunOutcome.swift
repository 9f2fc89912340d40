import FOTAAggregate
import FOTANormalise
import FOTARender
import Foundation

/// What a successful run published.
public struct RunOutcome: Sendable {
  /// The run's completeness figures.
  public var info: RunInfo
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
}

import FOTAModel
import FOTANightDevices

/// A night compared with the history but not yet recorded: what the reports show of it, and what
/// ``HistoryStore/commit(_:devices:output:)`` will write.
public struct PreparedNight: Sendable {
  /// What changed since the previous run, and the trends with tonight included.
  public var history: NightHistory
  let account: String
  let filter: String
  let night: String
  let asOf: Int64
  let summary: FleetSummary
  /// Tonight's data problems (the run records them for the next night's summary).
  let dataProblems: Int
  /// Tonight's upgrades, when the upgrade reports were read.
  let upgrades: [UpgradeTotals]?
  /// The run of the same night this one replaces, if any.
  let replaces: Int64?
  let writes: Writes
  /// How tonight was compared with the night before.
  public let comparison: HistoryComparison

  /// The device rows tonight changes.
  enum Writes: Sendable {
    /// No earlier run: every device is written, read again from the spool.
    case everyDevice
    /// Devices added or changed, and devices removed with their last state (JSON) for undoing;
    /// tonight's ``DeviceIndex`` when every id could be indexed.
    case changed(upserts: CompactDevices, removals: [(device: Device, snapshot: String)], index: DeviceIndex?)
  }
}

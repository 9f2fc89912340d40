/// One recorded run, as `history list` shows it.
public struct HistoryRun: Sendable, Equatable {
  public var id: Int64
  public var account: String
  /// The `--client-type` filter, or empty for all devices.
  public var clientTypeFilter: String
  public var night: String
  public var devices: Int
  public var ready: Int
  public var added: Int
  public var removed: Int
  public var changedDevices: Int
  public var changes: Int
  /// False while the run's report is not yet known to be published (see ``HistoryStore``).
  public var isPublished: Bool
  /// The report folder the run published to.
  public var output: String
}

/// What a run collected and how: the completeness block of every report.
public struct RunFigures: Sendable, Equatable {
  /// The ThingSpace account.
  public var account: String
  /// The instant ages are measured against (milliseconds since 1970).
  public var asOf: Int64
  /// One line naming the source (directory, demo fleet, API).
  public var source: String
  /// The `clientType` filter, if any.
  public var clientTypeFilter: String?
  /// Pages collected.
  public var pages = 0
  /// `deviceList` elements received.
  public var records = 0
  /// Records skipped as unusable (malformed, without `deviceId`).
  public var skipped = 0
  /// Devices left out by the `clientType` filter.
  public var filteredOut = 0
  /// Seconds spent collecting, normalising and aggregating.
  public var collectSeconds = 0.0
  /// Seconds spent rendering, filled in before `run.json` is written.
  public var renderSeconds = 0.0
  /// HTTP figures, when the pages came over HTTP.
  public var http: HTTPFigures?
  /// How the pages were collected over HTTP: sequentially or in ranges.
  public var collection: CollectionLayout?
  /// The history's id for this night, once recorded: how a later run tells this report was
  /// published.
  public var historyRunId: Int64?

  /// Creates the info of a run.
  public init(account: String, asOf: Int64, source: String, clientTypeFilter: String?) {
    self.account = account
    self.asOf = asOf
    self.source = source
    self.clientTypeFilter = clientTypeFilter
  }
}

/// How far collection has got, reported after every page.
public struct CollectionProgress: Sendable, Equatable {
  /// Pages collected.
  public var pages: Int
  /// `deviceList` elements received.
  public var records: Int
  /// Retries so far (HTTP sources only).
  public var retries: Int
  /// Seconds since collection started.
  public var seconds: Double

  /// Records per second so far.
  public var recordsPerSecond: Double { seconds > 0 ? Double(records) / seconds : 0 }
}

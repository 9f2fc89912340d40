/// How far collection has got, reported after every page.
public struct CollectionProgress: Sendable, Equatable {
  public init(pages: Int, records: Int, retries: Int, seconds: Double) {
    self.pages = pages
    self.records = records
    self.retries = retries
    self.seconds = seconds
  }

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

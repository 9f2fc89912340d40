/// An answer that does not come in time, as a hung gateway or a congested link gives one.
public enum SlowAnswer: Sendable, Equatable {
  /// Nothing is sent for this long, then the answer comes as usual.
  case stalledHead(Duration)
  /// The head comes at once, then the body one byte every `interval`.
  case tricklingBody(interval: Duration)

  /// The endpoints a slow answer can be set for.
  public enum Endpoint: String, Sendable, CaseIterable {
    case token, session
    case deviceList = "device-list"
    case firmware, licenses
    case upgradeReports = "upgrade-reports"
  }
}

/// A normalised `upgradeTime`: its state, its instant when upgraded, and the raw text.
public struct UpgradeTime: Sendable, Hashable {
  /// What the value says.
  public var state: UpgradeState
  /// Milliseconds since 1970-01-01T00:00:00Z, truncated; only for `.upgraded`.
  public var milliseconds: Int64?
  /// The text as received (`nil` when missing or `null`).
  public var raw: String?

  /// Creates a value.
  public init(state: UpgradeState, milliseconds: Int64? = nil, raw: String? = nil) {
    self.state = state
    self.milliseconds = milliseconds
    self.raw = raw
  }

  /// The instant as `2018-03-03T00:28:33.152Z`, or an empty string unless upgraded.
  public var iso8601: String {
    milliseconds.map(CivilCalendar.iso8601(milliseconds:)) ?? ""
  }
}

/// One upgrade's device entries by outcome on one night, as the history keeps them, so that the
/// next night can say how many devices each upgrade moved since.
public struct UpgradeTotals: Sendable, Hashable, Codable {
  public var upgradeId: String
  /// The upgrade's status that night, as ThingSpace spells it.
  public var status: String
  public var devices: Int
  public var succeeded: Int
  public var failed: Int
  public var inProgress: Int
  public var pending: Int
  public var other: Int

  /// Creates totals.
  public init(
    upgradeId: String, status: String, devices: Int, succeeded: Int, failed: Int, inProgress: Int,
    pending: Int,
    other: Int
  ) {
    self.upgradeId = upgradeId
    self.status = status
    self.devices = devices
    self.succeeded = succeeded
    self.failed = failed
    self.inProgress = inProgress
    self.pending = pending
    self.other = other
  }

  /// Device entries that finished, either way.
  public var settled: Int { succeeded + failed }
}

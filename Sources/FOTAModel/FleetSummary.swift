/// Everything the reports show about a fleet, grouped; its size grows with groups, not devices.
public struct FleetSummary: Sendable, Equatable {
  /// The instant ages are measured against (milliseconds since 1970).
  public var asOf: Int64
  /// All counted devices.
  public var totals = GroupCounts()
  public var byModel: [ModelKey: GroupCounts] = [:]
  public var byFirmware: [String: GroupCounts] = [:]
  public var byModelFirmware: [ModelFirmwareKey: GroupCounts] = [:]
  public var byLicense: [Bool: GroupCounts] = [:]
  public var byEligibility: [Bool: GroupCounts] = [:]
  public var byReadiness: [Readiness: GroupCounts] = [:]
  public var byClientType: [String: GroupCounts] = [:]
  public var byStatus: [String: GroupCounts] = [:]
  public var byUpgradeAge: [UpgradeAgeBucket: GroupCounts] = [:]
  /// Records whose `deviceId` had been seen before (not counted again).
  public var duplicates = 0

  /// Creates an empty summary.
  public init(asOf: Int64) {
    self.asOf = asOf
  }
}

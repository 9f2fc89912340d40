/// How campaigns are cut: phases, request size and scheduling windows.
public struct PlanOptions: Sendable, Equatable {
  /// Cumulative percentages of each cohort, ending at 100.
  public var phases: [Int]
  /// Devices per request file at most.
  public var maxDevicesPerRequest: Int
  /// The first window's first day, as days since 1970; `nil` for the day after the as-of date.
  public var windowStart: Int64?
  /// Days each phase's window lasts.
  public var windowDays: Int
  /// The device statuses campaigns may schedule.
  public var campaignStatuses: CampaignStatuses
  /// Read the upgrade reports: what happened to the upgrades already scheduled (not with
  /// `--no-campaigns`).
  public var campaignOutcomes: Bool

  public init(
    phases: [Int] = [1, 10, 50, 100], maxDevicesPerRequest: Int = 1000, windowStart: Int64? = nil,
    windowDays: Int = 7, campaignStatuses: CampaignStatuses = .default, campaignOutcomes: Bool = true
  ) {
    self.campaignStatuses = campaignStatuses
    self.campaignOutcomes = campaignOutcomes
    self.phases = phases
    self.maxDevicesPerRequest = maxDevicesPerRequest
    self.windowStart = windowStart
    self.windowDays = windowDays
  }
}

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
  /// How many failed upgrades in a row toward a device's next hop hold it back as `failing`
  /// (`--max-failed-upgrades`).
  public var maxFailedUpgrades: Int
  /// Plan `failing` devices again (`--retry-failed`): they stay `ready`.
  public var retryFailed: Bool
  /// How many days back the report lists finished upgrades (`--campaign-days`).
  public var campaignDays: Int
  /// The failure rate, in percent, past which an upgrade opens the e-mail with an alert
  /// (`--alert-failure-rate`).
  public var alertFailureRate: Double

  public init(
    phases: [Int] = [1, 10, 50, 100], maxDevicesPerRequest: Int = 1000, windowStart: Int64? = nil,
    windowDays: Int = 7, campaignStatuses: CampaignStatuses = .default, campaignOutcomes: Bool = true,
    maxFailedUpgrades: Int = 2, retryFailed: Bool = false, campaignDays: Int = 30,
    alertFailureRate: Double = 10
  ) {
    self.maxFailedUpgrades = maxFailedUpgrades
    self.retryFailed = retryFailed
    self.campaignDays = campaignDays
    self.alertFailureRate = alertFailureRate
    self.campaignStatuses = campaignStatuses
    self.campaignOutcomes = campaignOutcomes
    self.phases = phases
    self.maxDevicesPerRequest = maxDevicesPerRequest
    self.windowStart = windowStart
    self.windowDays = windowDays
  }
}

extension PlanOptions {
  /// How many failed upgrades in a row hold a device back: none with `--retry-failed`.
  public var failuresToHold: Int { retryFailed ? 0 : maxFailedUpgrades }
}

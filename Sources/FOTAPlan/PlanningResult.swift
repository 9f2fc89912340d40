import FOTAModel

/// What planning adds to a night's reports: the fleet's plan, its campaign files, and the table
/// of paths the devices' plans refer to.
public struct PlanningResult: Sendable {
  /// How campaigns are cut.
  public var campaigns: CampaignPlanner
  /// The plan, when the firmware list was available.
  public var plan: UpgradePlan?
  /// The ways on the firmware list offers; each device's plan holds an index into it.
  public var paths: [FirmwarePath]
  /// What planning data is missing, one line each.
  public var missing: [String]
  /// Every campaign request file, cut once from the plan's cohorts.
  public let requests: [CampaignPlanner.Request]
  /// What happened to the upgrades already scheduled, when the upgrade reports were read.
  public var outcomes: CampaignOutcomes?

  public init(
    campaigns: CampaignPlanner, plan: UpgradePlan?, paths: [FirmwarePath], missing: [String],
    outcomes: CampaignOutcomes? = nil
  ) {
    self.campaigns = campaigns
    self.plan = plan
    self.paths = paths
    self.missing = missing
    self.outcomes = outcomes
    requests = plan.map(campaigns.requests(for:)) ?? []
  }
}

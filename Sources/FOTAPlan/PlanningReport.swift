import ThingSpaceAPI

/// What planning adds to a night's reports.
public struct PlanningReport: Sendable {
  /// How campaigns are cut.
  public var campaigns: CampaignPlanner
  /// The plan, when the firmware list was available.
  public var plan: UpgradePlan?
  /// The planner, to plan each device again while writing per-device files.
  public var planner: UpgradePlanner?
  /// What planning data is missing, one line each.
  public var missing: [String]
  /// Every campaign request file, cut once from the plan's cohorts.
  public let requests: [CampaignPlanner.Request]

  public init(campaigns: CampaignPlanner, plan: UpgradePlan?, planner: UpgradePlanner?, missing: [String]) {
    self.campaigns = campaigns
    self.plan = plan
    self.planner = planner
    self.missing = missing
    requests = plan.map(campaigns.requests(for:)) ?? []
  }
}

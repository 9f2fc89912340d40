import FOTAModel

/// What planning adds to a night's reports: the fleet's plan, its campaign files, the tables the
/// devices' plans refer to, and what happened to the upgrades already scheduled.
public struct PlanningResult: Sendable {
  /// How campaigns are cut.
  public var campaigns: CampaignPlanner
  /// The plan, when the firmware list was available.
  public var plan: UpgradePlan?
  /// The ways on the firmware list offers and each device's latest upgrade; each device's plan
  /// holds indexes into them.
  public var tables: PlanTables
  /// What planning data is missing, one line each.
  public var missing: [String]
  /// Every campaign request file, cut once from the plan's cohorts.
  public let requests: [CampaignPlanner.Request]
  /// What happened to the upgrades already scheduled, when the upgrade reports were read.
  public var outcomes: CampaignOutcomes?
  /// The options the night was planned with.
  public var options: PlanOptions
  /// The version each image upgrades from, by the firmware list (see ``UpgradePlanner/hopStarts``).
  public var hopStarts: [String: String]

  /// The ways on the firmware list offers.
  public var paths: [FirmwarePath] { tables.paths }

  public init(
    campaigns: CampaignPlanner, plan: UpgradePlan?, tables: PlanTables, missing: [String],
    outcomes: CampaignOutcomes? = nil, options: PlanOptions = PlanOptions(), hopStarts: [String: String] = [:]
  ) {
    self.hopStarts = hopStarts
    self.campaigns = campaigns
    self.plan = plan
    self.tables = tables
    self.missing = missing
    self.outcomes = outcomes
    self.options = options
    requests = plan.map(campaigns.requests(for:)) ?? []
  }
}

/// Where a device stands for the next upgrade campaign: exactly one of these.
public enum PlanStatus: String, Sendable, Codable, DeclarationOrdered {
  /// No path leads on from its firmware, which is a `toVersion` of its model.
  case upToDate = "up-to-date"
  /// Its firmware is unknown to the firmware list for its model.
  case noUpgradePath = "no-upgrade-path"
  /// A path exists, but its status (e.g. `Suspended`) is not one campaigns may schedule.
  case inactive
  /// A path exists but the device is not FOTA-eligible.
  case ineligible
  /// A path exists, eligible, no license assigned.
  case needsLicense = "needs-license"
  /// Would be ready, but an upgrade still pending, queued or in progress holds it: never put in a
  /// campaign file.
  case inCampaign = "in-campaign"
  /// Would be ready, but its last upgrades toward its next hop all failed
  /// (`--max-failed-upgrades`): put in a campaign file only with `--retry-failed`.
  case failing
  /// A path exists, eligible, licensed: planned into the next campaign.
  case ready

  /// The status of an active device on a path, by its readiness.
  public init(onPath readiness: Readiness) {
    switch readiness {
    case .ready: self = .ready
    case .needsLicense: self = .needsLicense
    case .ineligible: self = .ineligible
    }
  }
}

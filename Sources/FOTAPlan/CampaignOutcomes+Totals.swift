import FOTAModel
import ThingSpaceAPI

extension CampaignOutcomes {
  /// Tonight's totals of every upgrade, for the history.
  public var totals: [UpgradeTotals] {
    outcomes.map {
      UpgradeTotals(
        upgradeId: $0.upgrade.id, status: $0.status.name, devices: $0.deviceCount,
        succeeded: $0.devices[.succeeded] ?? 0, failed: $0.devices[.failed] ?? 0,
        inProgress: $0.devices[.inProgress] ?? 0, pending: $0.devices[.pending] ?? 0,
        other: $0.devices[.other] ?? 0)
    }
  }
}

import FOTAModel
import ThingSpaceAPI

/// The plan of a whole fleet: funnel, cohorts and license headroom.
public struct UpgradePlan: Sendable, Equatable {
  public var funnel = Funnel()
  public var funnelByModel: [ModelKey: Funnel] = [:]
  public var statusCounts: [PlanStatus: Int] = [:]
  /// Ready devices per cohort, in IMEI order.
  public var cohorts: [Cohort: [String]] = [:]
  /// The license pool, when known.
  public var licenses: LicenseSummary?
  /// Licensed devices that are not FOTA-eligible: candidates to reclaim.
  public var licensedIneligible = 0
  /// The statuses campaigns may schedule.
  public let campaignStatuses: CampaignStatuses

  public init(licenses: LicenseSummary?, campaignStatuses: CampaignStatuses = .default) {
    self.licenses = licenses
    self.campaignStatuses = campaignStatuses
  }

  /// Adds a device and its plan (devices in IMEI order keep cohorts in IMEI order).
  public mutating func add(_ device: Device, plan: DevicePlan) {
    let model = ModelKey(make: device.make, model: device.model)
    let active = campaignStatuses.admit(device.status)
    funnel.add(
      active: active, eligible: device.fotaEligible, licensed: device.licenseAssigned, plan: plan.status)
    funnelByModel[model, default: Funnel()].add(
      active: active, eligible: device.fotaEligible, licensed: device.licenseAssigned, plan: plan.status)
    statusCounts[plan.status, default: 0] += 1
    if device.licenseAssigned && !device.fotaEligible { licensedIneligible += 1 }
    if plan.status == .ready, let path = plan.path {
      cohorts[
        Cohort(model: model, firmwareName: path.firmwareName, firmwareTo: path.nextFirmware), default: []
      ]
      .append(device.deviceId)
    }
  }

  /// Adds what `later` planned, as if its devices had been added here after these (the next
  /// range of a night collected in ranges): counts add up, cohorts go on with its devices.
  public mutating func merge(_ later: UpgradePlan) {
    funnel.merge(later.funnel)
    funnelByModel.merge(later.funnelByModel) { mine, theirs in
      var merged = mine
      merged.merge(theirs)
      return merged
    }
    statusCounts.merge(later.statusCounts, uniquingKeysWith: +)
    cohorts.merge(later.cohorts, uniquingKeysWith: +)
    licensedIneligible += later.licensedIneligible
  }

  /// Puts each cohort's devices in IMEI order, after devices arrived out of order.
  public mutating func sortCohorts() {
    for (cohort, devices) in cohorts { cohorts[cohort] = devices.sorted(by: DeviceID.precedes) }
  }

  /// Devices that need a license.
  public var needLicense: Int { statusCounts[.needsLicense] ?? 0 }

  /// Licenses left after licensing every device that needs one (negative: a shortfall); `nil`
  /// when the pool is unknown.
  public var headroomAfterNeeds: Int? {
    licenses.map { $0.available - needLicense }
  }

  /// Cohorts, largest first.
  public var sortedCohorts: [(cohort: Cohort, devices: [String])] {
    cohorts.map { ($0.key, $0.value) }.sorted {
      $0.1.count != $1.1.count ? $0.1.count > $1.1.count : $0.0 < $1.0
    }
  }
}

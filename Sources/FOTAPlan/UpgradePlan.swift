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
  /// Tonight's upgrade reports, when read.
  public let campaigns: CampaignOutcomes?
  /// Per model, every planned-on upgrade entry of its devices in tonight's device list, by outcome.
  public var campaignOutcomesByModel: [ModelKey: [UpgradeStatus.DeviceOutcome: Int]] = [:]
  /// Devices of tonight's device list that the upgrade reports name.
  public var devicesInUpgrades = 0
  /// Which of the upgrade reports' devices (``CampaignOutcomes/devices``) tonight's list holds, a
  /// bit each.
  private var seenInUpgrades: [UInt64] = []
  /// Devices ThingSpace reports upgraded whose firmware tonight is not the upgrade's `firmwareTo`.
  public var firmwareMismatches = 0

  public init(
    licenses: LicenseSummary?, campaignStatuses: CampaignStatuses = .default,
    campaigns: CampaignOutcomes? = nil
  ) {
    self.licenses = licenses
    self.campaignStatuses = campaignStatuses
    self.campaigns = campaigns
  }

  /// An empty plan with the same pool, statuses and upgrade reports, for a range planned on its own.
  public var emptied: UpgradePlan {
    UpgradePlan(licenses: licenses, campaignStatuses: campaignStatuses, campaigns: campaigns)
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
    if let index = plan.campaignIndex, let campaigns {
      devicesInUpgrades += 1
      if seenInUpgrades.isEmpty {
        seenInUpgrades = Array(repeating: 0, count: campaigns.devices.count / 64 + 1)
      }
      seenInUpgrades[index / 64] |= 1 << UInt64(index % 64)
      for entry in campaigns.entries(ofDevice: index) {
        campaignOutcomesByModel[model, default: [:]][campaigns.status(of: entry).deviceOutcome, default: 0] +=
          1
      }
      if plan.lastUpgrade?.isContradicted(byFirmware: device.firmware) == true { firmwareMismatches += 1 }
    }
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
    campaignOutcomesByModel.merge(later.campaignOutcomesByModel) { $0.merging($1, uniquingKeysWith: +) }
    devicesInUpgrades += later.devicesInUpgrades
    if seenInUpgrades.isEmpty {
      seenInUpgrades = later.seenInUpgrades
    } else if !later.seenInUpgrades.isEmpty {
      for index in seenInUpgrades.indices { seenInUpgrades[index] |= later.seenInUpgrades[index] }
    }
    firmwareMismatches += later.firmwareMismatches
  }

  /// Puts each cohort's devices in IMEI order, after devices arrived out of order.
  public mutating func sortCohorts() {
    for (cohort, devices) in cohorts { cohorts[cohort] = devices.sorted(by: DeviceID.precedes) }
  }

  /// The devices the upgrade reports name that are not in tonight's device list, in IMEI order.
  public var devicesNotInAccount: [String] {
    guard let campaigns else { return [] }
    return campaigns.devices.filter { _, index in
      index / 64 >= seenInUpgrades.count || seenInUpgrades[index / 64] & (1 << UInt64(index % 64)) == 0
    }
    .keys.sorted(by: DeviceID.precedes)
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

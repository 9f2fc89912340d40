import FOTAModel

/// The readiness funnel: how many devices pass each step towards the next campaign.
public struct Funnel: Sendable, Equatable, Codable {
  /// All devices.
  public var total = 0
  /// Of a status campaigns may schedule (active, unless `--campaign-statuses` says otherwise).
  public var active = 0
  /// Active and FOTA-eligible.
  public var eligible = 0
  /// Active, eligible and licensed: FOTA-capable.
  public var licensed = 0
  /// FOTA-capable, on a firmware the firmware list knows.
  public var knownFirmware = 0
  /// FOTA-capable with a path on, held by an upgrade still under way: `in-campaign`.
  public var inCampaign = 0
  /// FOTA-capable with a path on, whose last upgrades toward it failed: `failing`.
  public var failing = 0
  /// FOTA-capable with a path on and nothing holding it back: `ready`, planned.
  public var ready = 0
  /// Beside the funnel: devices with nowhere to go.
  public var upToDate = 0

  public init() {}

  /// Adds another funnel's counts.
  public mutating func merge(_ other: Funnel) {
    total += other.total
    active += other.active
    eligible += other.eligible
    licensed += other.licensed
    knownFirmware += other.knownFirmware
    inCampaign += other.inCampaign
    failing += other.failing
    ready += other.ready
    upToDate += other.upToDate
  }

  /// Counts one device.
  public mutating func add(
    active isActive: Bool, eligible isEligible: Bool, licensed isLicensed: Bool, plan: PlanStatus
  ) {
    total += 1
    if plan == .upToDate { upToDate += 1 }
    guard isActive else { return }
    active += 1
    guard isEligible else { return }
    eligible += 1
    guard isLicensed else { return }
    licensed += 1
    guard plan != .noUpgradePath else { return }
    knownFirmware += 1
    switch plan {
    case .ready: ready += 1
    case .inCampaign: inCampaign += 1
    case .failing: failing += 1
    default: break
    }
  }
}

/// What happens to one device in one night, at realistic rates.
///
/// Nights are numbered from 1; night 0 is the fleet as first generated. A device that is ready
/// and not on its model's newest firmware upgrades with ``upgradeRate`` a night; licenses,
/// eligibility, status and client type change now and then; the account gains ``addedShare`` of its size a night and loses
/// devices at ``removalRate``.
public struct NightlyEvents: Sendable, Equatable {
  public var upgrade: Bool
  public var licenseFlip: Bool
  public var eligibilityFlip: Bool
  /// Suspended or resumed.
  public var statusChange: Bool
  /// Moved between OMA-DM and LwM2M management.
  public var clientTypeSwitch: Bool

  /// Share of ready devices on an older firmware that upgrade in a night.
  public static let upgradeRate = 0.03
  /// Share of devices whose license is assigned or removed in a night.
  public static let licenseFlipRate = 0.002
  /// Share of devices whose FOTA eligibility changes in a night.
  public static let eligibilityFlipRate = 0.001
  /// Share of devices suspended or resumed in a night.
  public static let statusChangeRate = 0.001
  /// Share of devices moved to the other device-management protocol in a night.
  public static let clientTypeSwitchRate = 0.0003
  /// Share of devices removed from the account in a night.
  public static let removalRate = 0.0005
  /// Devices added per night, per thousand of the first night's fleet (at least one).
  public static let addedPerThousand = 1

  static func draw(_ random: inout SplitMix64) -> NightlyEvents {
    NightlyEvents(
      upgrade: random.chance(upgradeRate), licenseFlip: random.chance(licenseFlipRate),
      eligibilityFlip: random.chance(eligibilityFlipRate), statusChange: random.chance(statusChangeRate),
      clientTypeSwitch: random.chance(clientTypeSwitchRate))
  }
}

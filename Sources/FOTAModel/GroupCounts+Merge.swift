/// Folding groups together ("Other models", totals of a slice).
extension GroupCounts {
  /// Adds another group's counts into this one.
  public mutating func merge(_ other: GroupCounts) {
    devices += other.devices
    fotaEligible += other.fotaEligible
    licenseAssigned += other.licenseAssigned
    ready += other.ready
    needsLicense += other.needsLicense
    ineligible += other.ineligible
    upgraded += other.upgraded
    neverUpgraded += other.neverUpgraded
    unknownUpgrade += other.unknownUpgrade
    invalidUpgrade += other.invalidUpgrade
    if let latest = other.latestUpgrade, latest > (latestUpgrade ?? .min) { latestUpgrade = latest }
  }
}

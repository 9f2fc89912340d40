/// Several accounts' nights as one fleet (the roll-up of a run of many accounts).
extension FleetSummary {
  /// Adds another night's counts into this one, group by group; the later `asOf` is kept.
  public mutating func merge(_ other: FleetSummary) {
    asOf = max(asOf, other.asOf)
    totals.merge(other.totals)
    Self.merge(&byModel, other.byModel)
    Self.merge(&byFirmware, other.byFirmware)
    Self.merge(&byModelFirmware, other.byModelFirmware)
    Self.merge(&byLicense, other.byLicense)
    Self.merge(&byEligibility, other.byEligibility)
    Self.merge(&byReadiness, other.byReadiness)
    Self.merge(&byClientType, other.byClientType)
    Self.merge(&byStatus, other.byStatus)
    Self.merge(&byUpgradeAge, other.byUpgradeAge)
    duplicates += other.duplicates
  }

  private static func merge<Key: Hashable>(_ groups: inout [Key: GroupCounts], _ other: [Key: GroupCounts]) {
    for (key, counts) in other { groups[key, default: GroupCounts()].merge(counts) }
  }
}

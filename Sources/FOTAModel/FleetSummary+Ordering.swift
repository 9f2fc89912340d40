/// Groups in the stable orders the reports print them in.
extension FleetSummary {
  /// Models, largest first, ties by make and model.
  public var modelsBySize: [(key: ModelKey, counts: GroupCounts)] {
    byModel.map { ($0.key, $0.value) }.sorted { Self.larger($0, $1) }
  }

  /// Firmware names, largest first, ties by name.
  public var firmwareBySize: [(key: String, counts: GroupCounts)] {
    byFirmware.map { ($0.key, $0.value) }.sorted { Self.larger($0, $1) }
  }

  /// Make, model, firmware: by make and model, then largest firmware first.
  public var modelFirmwareRows: [(key: ModelFirmwareKey, counts: GroupCounts)] {
    byModelFirmware.map { ($0.key, $0.value) }.sorted {
      if $0.key.model != $1.key.model { return $0.key.model < $1.key.model }
      return Self.larger(($0.key.firmware, $0.counts), ($1.key.firmware, $1.counts))
    }
  }

  /// Firmware of one model, largest first.
  public func firmware(of model: ModelKey) -> [(key: String, counts: GroupCounts)] {
    byModelFirmware.filter { $0.key.model == model }.map { ($0.key.firmware, $0.value) }
      .sorted { Self.larger($0, $1) }
  }

  /// Client types, largest first.
  public var clientTypesBySize: [(key: String, counts: GroupCounts)] {
    byClientType.map { ($0.key, $0.value) }.sorted { Self.larger($0, $1) }
  }

  /// Statuses, largest first.
  public var statusesBySize: [(key: String, counts: GroupCounts)] {
    byStatus.map { ($0.key, $0.value) }.sorted { Self.larger($0, $1) }
  }

  /// Readiness classes in their fixed order, zero rows included.
  public var readinessRows: [(key: Readiness, counts: GroupCounts)] {
    Readiness.allCases.map { ($0, byReadiness[$0] ?? GroupCounts()) }
  }

  /// Upgrade-age buckets in their fixed order, zero rows included.
  public var upgradeAgeRows: [(key: UpgradeAgeBucket, counts: GroupCounts)] {
    UpgradeAgeBucket.allCases.map { ($0, byUpgradeAge[$0] ?? GroupCounts()) }
  }

  /// A boolean dimension (license, eligibility), `true` first, zero rows included.
  public static func booleanRows(_ groups: [Bool: GroupCounts]) -> [(
    key: Bool, counts: GroupCounts
  )] {
    [true, false].map { ($0, groups[$0] ?? GroupCounts()) }
  }

  private static func larger<Key: Comparable>(
    _ lhs: (Key, GroupCounts), _ rhs: (Key, GroupCounts)
  ) -> Bool {
    lhs.1.devices != rhs.1.devices ? lhs.1.devices > rhs.1.devices : lhs.0 < rhs.0
  }
}

/// What changed since the previous run of the same account and client-type filter.
public struct FleetDelta: Sendable, Equatable {
  /// The previous run's night (`YYYY-MM-DD`), or `nil` when there is no earlier run.
  public var previousNight: String?
  /// Changed fields, device by device, in IMEI order.
  public var changes: [DeviceChange] = []
  public var added = 0
  public var removed = 0
  /// Firmware moves per model, with device counts.
  public var firmwareTransitions: [FirmwareTransition: Int] = [:]
  public var eligibilityGained = 0
  public var eligibilityLost = 0
  public var licenseGained = 0
  public var licenseLost = 0
  /// Devices whose `upgradeTime` moved to a later upgrade.
  public var upgrades = 0
  /// Devices with at least one change.
  public var changedDevices = 0
  /// The previous run's device count and ready devices, for the change in readiness.
  public var previousDevices = 0
  public var previousReady = 0
  /// The previous run's data problems; `nil` when it did not record them.
  public var previousDataProblems: Int?

  /// Creates an empty delta against `previousNight`.
  public init(previousNight: String?) {
    self.previousNight = previousNight
  }

  /// True when there was an earlier run to compare with.
  public var hasPreviousRun: Bool { previousNight != nil }

  /// Transitions, largest first within each model.
  public var sortedTransitions: [(transition: FirmwareTransition, devices: Int)] {
    firmwareTransitions.map { ($0.key, $0.value) }.sorted {
      $0.0.model != $1.0.model ? $0.0.model < $1.0.model : $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0
    }
  }
}

import FOTAModel

/// Folds devices into a ``FleetSummary`` in one pass, counting each `deviceId` once.
public struct FleetAggregator: Sendable {
  private(set) public var summary: FleetSummary
  private var seen = DeviceIdSet()

  /// Creates an aggregator for a report as of `asOf` (milliseconds since 1970).
  public init(asOf: Int64) {
    summary = FleetSummary(asOf: asOf)
  }

  /// Adds a device; returns false, and records a diagnostic, when its id was seen before.
  @discardableResult
  public mutating func add(_ device: Device, page: Int, diagnostics: inout Diagnostics) -> Bool {
    guard seen.insert(device.deviceId) else {
      summary.duplicates += 1
      diagnostics.record(
        .duplicateDeviceId, field: "deviceId", page: page, deviceId: device.deviceId,
        value: device.deviceId)
      return false
    }
    let readiness = Readiness(device)
    let model = ModelKey(make: device.make, model: device.model)
    let bucket = UpgradeAgeBucket(device.upgrade, asOf: summary.asOf)
    summary.totals.add(device, readiness: readiness)
    summary.byModel[model, default: GroupCounts()].add(device, readiness: readiness)
    summary.byFirmware[device.firmware, default: GroupCounts()].add(device, readiness: readiness)
    summary.byModelFirmware[
      ModelFirmwareKey(model: model, firmware: device.firmware), default: GroupCounts()
    ].add(device, readiness: readiness)
    summary.byLicense[device.licenseAssigned, default: GroupCounts()]
      .add(device, readiness: readiness)
    summary.byEligibility[device.fotaEligible, default: GroupCounts()]
      .add(device, readiness: readiness)
    summary.byReadiness[readiness, default: GroupCounts()].add(device, readiness: readiness)
    summary.byClientType[device.clientType, default: GroupCounts()]
      .add(device, readiness: readiness)
    summary.byStatus[device.status, default: GroupCounts()].add(device, readiness: readiness)
    summary.byUpgradeAge[bucket, default: GroupCounts()].add(device, readiness: readiness)
    return true
  }
}

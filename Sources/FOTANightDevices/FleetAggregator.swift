import FOTAModel

/// Folds devices into a ``FleetSummary`` in one pass, counting each `deviceId` once.
///
/// Each device is counted once, in one cell: the devices that share every grouped field (make,
/// model, firmware, client type, status, eligibility, license and upgrade-age bucket). One
/// dictionary lookup a device, instead of one per grouping; the groupings are folded from the
/// cells, in the order the cells were first seen, when the summary is read.
public struct FleetAggregator: Sendable {
  private let asOf: Int64
  private var cells: [AggregationCell] = []
  private var counts: [GroupCounts] = []
  private var index: [AggregationCell: Int] = [:]
  private var duplicates = 0
  private var seen = DeviceIdSet()

  /// Creates an aggregator for a report as of `asOf` (milliseconds since 1970).
  public init(asOf: Int64) {
    self.asOf = asOf
  }

  /// Adds a device; returns false, and records a diagnostic, when its id was seen before.
  @discardableResult
  public mutating func add(_ device: Device, page: Int, diagnostics: inout Diagnostics) -> Bool {
    guard isNew(device, page: page, diagnostics: &diagnostics) else { return false }
    counts[position(of: AggregationCell(device, asOf: asOf))].add(device, readiness: Readiness(device))
    return true
  }

  /// Adds one page's devices, grouped ahead by ``PageCells`` (on any core); returns which were
  /// counted (`nil`: all of them), the others' ids having been seen before.
  public mutating func add(
    _ records: [PlannedDevice], cells: PageCells, page: Int, diagnostics: inout Diagnostics
  ) -> [Bool]? {
    var kept: [Bool]?
    var pageCounts = [GroupCounts](repeating: GroupCounts(), count: cells.cells.count)
    for offset in records.indices {
      guard isNew(records[offset].device, page: page, diagnostics: &diagnostics) else {
        if kept == nil { kept = Array(repeating: true, count: records.count) }
        kept![offset] = false
        continue
      }
      pageCounts[Int(cells.cellOf[offset])].add(
        records[offset].device, readiness: Readiness(records[offset].device))
    }
    for (cell, counted) in zip(cells.cells, pageCounts) where counted.devices > 0 {
      counts[position(of: cell)].merge(counted)
    }
    return kept
  }

  /// Adds what `later` counted, as if its devices had been added here one by one after these:
  /// `later` must hold other devices (the next range of a night collected in ranges), so none of
  /// its devices is a duplicate of one here.
  public mutating func merge(_ later: FleetAggregator) {
    for (cell, counted) in zip(later.cells, later.counts) { counts[position(of: cell)].merge(counted) }
    duplicates += later.duplicates
    seen.formUnion(later.seen)
  }

  /// Counts a device's id; false, with a diagnostic, when it was seen before.
  private mutating func isNew(_ device: Device, page: Int, diagnostics: inout Diagnostics) -> Bool {
    guard seen.insert(device.deviceId) else {
      duplicates += 1
      diagnostics.record(
        .duplicateDeviceId, field: "deviceId", page: page, deviceId: device.deviceId,
        value: device.deviceId)
      return false
    }
    return true
  }

  /// Where a cell's counts are, the cell added when new.
  private mutating func position(of cell: AggregationCell) -> Int {
    if let position = index[cell] { return position }
    index[cell] = cells.count
    cells.append(cell)
    counts.append(GroupCounts())
    return cells.count - 1
  }

  /// Everything added so far, grouped every way the reports show.
  public var summary: FleetSummary {
    var summary = FleetSummary(asOf: asOf)
    summary.duplicates = duplicates
    for (cell, counts) in zip(cells, counts) {
      let model = ModelKey(make: cell.make, model: cell.model)
      summary.totals.merge(counts)
      summary.byModel[model, default: GroupCounts()].merge(counts)
      summary.byFirmware[cell.firmware, default: GroupCounts()].merge(counts)
      summary.byModelFirmware[ModelFirmwareKey(model: model, firmware: cell.firmware), default: GroupCounts()]
        .merge(counts)
      summary.byLicense[cell.licenseAssigned, default: GroupCounts()].merge(counts)
      summary.byEligibility[cell.fotaEligible, default: GroupCounts()].merge(counts)
      summary.byReadiness[cell.readiness, default: GroupCounts()].merge(counts)
      summary.byClientType[cell.clientType, default: GroupCounts()].merge(counts)
      summary.byStatus[cell.status, default: GroupCounts()].merge(counts)
      summary.byUpgradeAge[cell.bucket, default: GroupCounts()].merge(counts)
    }
    return summary
  }
}

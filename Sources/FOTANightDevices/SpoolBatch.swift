import FOTAModel

/// One page's devices in the spool's binary form, encoded away from the spool on any core.
public struct SpoolBatch: Sendable {
  /// The records end to end, and where each ends.
  let rows: FormattedRows
  /// True when the page's ids strictly ascend in IMEI order.
  let ascending: Bool

  /// A batch read back as it was encoded.
  init(rows: FormattedRows, ascending: Bool) {
    self.rows = rows
    self.ascending = ascending
  }

  /// Encodes `records`.
  public init(_ records: [PlannedDevice]) {
    rows = FormattedRows(records, formatter: SpoolRecord.Formatter())
    ascending = records.indices.dropFirst().allSatisfy {
      DeviceID.precedes(records[$0 - 1].device.deviceId, records[$0].device.deviceId)
    }
  }
}

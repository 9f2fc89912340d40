import FOTAModel

/// One page's devices formatted by a ``DeviceRowFormatter``: their bytes end to end, and where
/// each device's bytes end.
public struct FormattedRows: Sendable {
  /// Every device's bytes, in page order.
  public private(set) var bytes: [UInt8] = []
  /// The end of each device's bytes in ``bytes``.
  public private(set) var ends: [Int] = []

  /// Formats `records` with `formatter`.
  public init(_ records: [PlannedDevice], formatter: any DeviceRowFormatter) {
    ends.reserveCapacity(records.count)
    bytes.reserveCapacity(records.count * 160)
    // By index: `for record in records` copies each record, retaining every one of its strings.
    for index in records.indices {
      formatter.format(records[index], into: &bytes)
      ends.append(bytes.count)
    }
  }

  /// Rows read back as they were formatted: `bytes` end to end, each ending at its `ends` entry.
  init(bytes: [UInt8], ends: [Int]) {
    self.bytes = bytes
    self.ends = ends
  }

  /// The rows of the devices `kept` marks (all when `nil`).
  func keeping(_ kept: [Bool]?) -> FormattedRows {
    guard let kept else { return self }
    var rows = FormattedRows(bytes: [], ends: [])
    rows.bytes.reserveCapacity(bytes.count)
    var start = 0
    for (offset, end) in ends.enumerated() {
      if kept[offset] {
        rows.bytes += bytes[start..<end]
        rows.ends.append(rows.bytes.count)
      }
      start = end
    }
    return rows
  }

  /// The bytes of the devices `kept` marks (all when `nil`), handed to `body` in runs.
  public func withKeptBytes(_ kept: [Bool]?, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
    try bytes.withUnsafeBufferPointer { all in
      guard let kept else { return try body(all) }
      var start = 0
      for (offset, end) in ends.enumerated() {
        if kept[offset] { try body(UnsafeBufferPointer(rebasing: all[start..<end])) }
        start = end
      }
    }
  }
}

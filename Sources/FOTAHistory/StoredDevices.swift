import FOTAModel

/// The stored devices of an account and filter in IMEI order, as they were before the run being
/// replaced: the rows in the database, read a page at a time, with the devices that run changed
/// shown as they were before it (`overrides`, by sort key; `nil` for a device that run added).
struct StoredDevices {
  private let table: DeviceTable
  private var page: [(sortKey: String, device: Device)] = []
  private var pagePosition = 0
  private let overrides: [(key: String, device: Device?)]
  private var nextOverride = 0
  private var pendingRow: (key: String, device: Device)?
  private var rowsDone = false

  init(_ sql: any HistorySQL, account: String, filter: String, overrides: [String: Device?]) throws {
    table = DeviceTable(sql: sql, account: account, filter: filter)
    self.overrides = overrides.map { ($0.key, $0.value) }.sorted { Self.byteOrder($0.key, $1.key) < 0 }
  }

  /// The next stored row, or `nil` after the last.
  private mutating func nextRow() throws -> (key: String, device: Device)? {
    if pagePosition == page.count {
      if rowsDone { return nil }
      page = try table.inOrder(after: page.last?.sortKey)
      pagePosition = 0
      rowsDone = page.count < DeviceTable.page
      if page.isEmpty { return nil }
    }
    defer { pagePosition += 1 }
    return (page[pagePosition].sortKey, page[pagePosition].device)
  }

  /// The next device in IMEI order, or `nil` after the last.
  mutating func next() throws -> Device? {
    while true {
      if pendingRow == nil { pendingRow = try nextRow() }
      let override = nextOverride < overrides.count ? overrides[nextOverride] : nil
      if let override, pendingRow == nil || Self.byteOrder(override.key, pendingRow!.key) <= 0 {
        if override.key == pendingRow?.key { pendingRow = nil }
        nextOverride += 1
        if let device = override.device { return device }
        continue
      }
      defer { pendingRow = nil }
      return pendingRow?.device
    }
  }

  /// Sort keys compare byte by byte, as both stores' `ORDER BY` compares them (PostgreSQL's
  /// column is `COLLATE "C"`).
  static func byteOrder(_ lhs: String, _ rhs: String) -> Int {
    lhs == rhs ? 0 : lhs.utf8.lexicographicallyPrecedes(rhs.utf8) ? -1 : 1
  }
}

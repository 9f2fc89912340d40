import FOTAModel
import GRDB

/// The stored devices of an account and filter in IMEI order, as they were before the run being
/// replaced: the rows in the database, with the devices that run changed shown as they were
/// before it (`overrides`, by sort key; `nil` for a device that run added).
struct StoredDevices {
  private let rows: RowCursor
  private let overrides: [(key: String, device: Device?)]
  private var nextOverride = 0
  private var pendingRow: (key: String, device: Device)?
  private var rowsDone = false

  init(_ db: Database, account: String, filter: String, overrides: [String: Device?]) throws {
    rows = try DeviceTable(db: db, account: account, filter: filter).inOrder()
    self.overrides = overrides.map { ($0.key, $0.value) }.sorted { Self.byteOrder($0.key, $1.key) < 0 }
  }

  /// The next device in IMEI order, or `nil` after the last.
  mutating func next() throws -> Device? {
    while true {
      if pendingRow == nil, !rowsDone {
        if let row = try rows.next() {
          pendingRow = (row["sortKey"], DeviceTable.device(row))
        } else {
          rowsDone = true
        }
      }
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

  /// Sort keys compare byte by byte, as SQLite's `ORDER BY` compares them.
  static func byteOrder(_ lhs: String, _ rhs: String) -> Int {
    lhs == rhs ? 0 : lhs.utf8.lexicographicallyPrecedes(rhs.utf8) ? -1 : 1
  }
}

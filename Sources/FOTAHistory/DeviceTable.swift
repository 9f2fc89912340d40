import FOTAModel
import GRDB

/// The `device` table, every statement that touches it: each device of an account and filter as
/// the last recorded night left it, what the deltas compare, without personal data (no MDN).
struct DeviceTable {
  static let columns =
    "deviceId, make, model, firmware, clientType, status, fotaEligible, licenseAssigned, upgradeState, upgradeTime"

  let db: Database
  let account: String
  /// The `--client-type` filter, or empty.
  let filter: String

  /// A stored row as a device.
  static func device(_ row: Row) -> Device {
    let state = UpgradeState(rawValue: row["upgradeState"]) ?? .unknown
    return Device(
      deviceId: row["deviceId"], make: row["make"], model: row["model"], firmware: row["firmware"],
      clientType: row["clientType"], status: row["status"], fotaEligible: row["fotaEligible"],
      licenseAssigned: row["licenseAssigned"],
      upgrade: UpgradeTime(state: state, milliseconds: state == .upgraded ? row["upgradeTime"] : nil))
  }

  /// Writes devices, replacing the stored row of the same id: one statement, prepared once.
  struct Writer {
    fileprivate let statement: Statement
    fileprivate let account: String
    fileprivate let filter: String

    func write(_ device: Device) throws {
      try statement.execute(arguments: [
        account, filter, DeviceID.sortKey(device.deviceId), device.deviceId, device.make, device.model,
        device.firmware, device.clientType, device.status, device.fotaEligible, device.licenseAssigned,
        device.upgrade.state.rawValue, device.upgrade.state == .upgraded ? device.upgrade.milliseconds : nil,
      ])
    }
  }

  func writer() throws -> Writer {
    Writer(
      statement: try db.makeStatement(
        sql: """
          INSERT OR REPLACE INTO device (account, clientTypeFilter, sortKey, \(Self.columns))
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """),
      account: account, filter: filter)
  }

  /// Reads stored devices by id: one statement, prepared once.
  struct Reader {
    fileprivate let statement: Statement
    fileprivate let account: String
    fileprivate let filter: String

    func device(sortKey: String) throws -> Device? {
      try Row.fetchOne(statement, arguments: [account, filter, sortKey]).map(DeviceTable.device)
    }
  }

  func reader() throws -> Reader {
    Reader(
      statement: try db.makeStatement(
        sql: "SELECT \(Self.columns) FROM device WHERE account = ? AND clientTypeFilter = ? AND sortKey = ?"),
      account: account, filter: filter)
  }

  /// Deletes one device.
  func delete(sortKey: String) throws {
    try db.execute(
      sql: "DELETE FROM device WHERE account = ? AND clientTypeFilter = ? AND sortKey = ?",
      arguments: [account, filter, sortKey])
  }

  /// Deletes every device of the account and filter.
  func deleteAll() throws {
    try db.execute(
      sql: "DELETE FROM device WHERE account = ? AND clientTypeFilter = ?", arguments: [account, filter])
  }

  /// How many devices the account and filter have.
  func count() throws -> Int {
    try Int.fetchOne(
      db, sql: "SELECT count(*) FROM device WHERE account = ? AND clientTypeFilter = ?",
      arguments: [account, filter]) ?? 0
  }

  /// The ids at `positions` in IMEI order.
  func ids(at positions: Range<Int>) throws -> [String] {
    try String.fetchAll(
      db,
      sql: """
        SELECT deviceId FROM device WHERE account = ? AND clientTypeFilter = ?
        ORDER BY sortKey LIMIT ? OFFSET ?
        """,
      arguments: [account, filter, positions.count, positions.lowerBound])
  }

  /// Every device in IMEI order, with its sort key.
  func inOrder() throws -> RowCursor {
    try Row.fetchCursor(
      db,
      sql:
        "SELECT sortKey, \(Self.columns) FROM device WHERE account = ? AND clientTypeFilter = ? ORDER BY sortKey",
      arguments: [account, filter])
  }
}

import FOTAModel

/// The `device` table, every statement that touches it: each device of an account and filter as
/// the last recorded night left it, what the deltas compare, without personal data (no MDN).
struct DeviceTable {
  static let columnNames = [
    "deviceId", "make", "model", "firmware", "clientType", "status", "fotaEligible", "licenseAssigned",
    "upgradeState", "upgradeTime",
  ]
  static let columns = columnNames.joined(separator: ", ")
  /// Devices read at a time when going through them all in order.
  static let page = 10_000

  let sql: any HistorySQL
  let account: String
  /// The `--client-type` filter, or empty.
  let filter: String

  /// A stored row as a device.
  static func device(_ row: HistoryRow) throws -> Device {
    let state = UpgradeState(rawValue: try row.string("upgradeState")) ?? .unknown
    return Device(
      deviceId: try row.string("deviceId"), make: try row.string("make"), model: try row.string("model"),
      firmware: try row.string("firmware"), clientType: try row.string("clientType"),
      status: try row.string("status"), fotaEligible: try row.bool("fotaEligible"),
      licenseAssigned: try row.bool("licenseAssigned"),
      upgrade: UpgradeTime(
        state: state, milliseconds: state == .upgraded ? try row.optionalInt64("upgradeTime") : nil))
  }

  /// Writes devices, replacing the stored row of the same id, as the store writes many rows fastest.
  struct Writer {
    fileprivate var batch: any HistoryBatch
    fileprivate let account: String
    fileprivate let filter: String

    mutating func write(_ device: Device) throws {
      try batch.add([
        account, filter, DeviceID.sortKey(device.deviceId), device.deviceId, device.make, device.model,
        device.firmware, device.clientType, device.status, device.fotaEligible, device.licenseAssigned,
        device.upgrade.state.rawValue, device.upgrade.state == .upgraded ? device.upgrade.milliseconds : nil,
      ])
    }

    /// Writes what is still held; call before reading the table again.
    mutating func finish() throws { try batch.finish() }
  }

  /// A writer of devices; `fresh` when the table holds none of this account and filter, so that
  /// no row replaces another and the store may write them its fastest way (PostgreSQL's `COPY`).
  func writer(fresh: Bool = false) throws -> Writer {
    let updates = Self.columnNames.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
    return Writer(
      batch: try sql.batch(
        into: "device", columns: ["account", "clientTypeFilter", "sortKey"] + Self.columnNames,
        conflict: fresh ? "" : "ON CONFLICT (account, clientTypeFilter, sortKey) DO UPDATE SET \(updates)"),
      account: account, filter: filter)
  }

  /// The stored device with sort key `sortKey`.
  func device(sortKey: String) throws -> Device? {
    try sql.row(
      "SELECT \(Self.columns) FROM device WHERE account = ? AND clientTypeFilter = ? AND sortKey = ?",
      [account, filter, sortKey]
    ).map(Self.device)
  }

  /// The most devices ``devices(sortKeys:)`` asks for in one statement.
  static let lookupBatch = 1_000

  /// The stored devices of `sortKeys` (at most ``lookupBatch``), by sort key: one statement, so
  /// that a shared history's round trips grow with the changes a thousand at a time.
  func devices(sortKeys: [String]) throws -> [String: Device] {
    guard !sortKeys.isEmpty else { return [:] }
    let marks = Array(repeating: "?", count: sortKeys.count).joined(separator: ", ")
    var found: [String: Device] = [:]
    for row in try sql.rows(
      "SELECT sortKey, \(Self.columns) FROM device WHERE account = ? AND clientTypeFilter = ? AND sortKey IN (\(marks))",
      [account, filter] + sortKeys)
    {
      found[try row.string("sortKey")] = try Self.device(row)
    }
    return found
  }

  /// Deletes one device.
  func delete(sortKey: String) throws {
    try sql.execute(
      "DELETE FROM device WHERE account = ? AND clientTypeFilter = ? AND sortKey = ?",
      [account, filter, sortKey])
  }

  /// Deletes every device of the account and filter.
  func deleteAll() throws {
    try sql.execute("DELETE FROM device WHERE account = ? AND clientTypeFilter = ?", [account, filter])
  }

  /// How many devices the account and filter have.
  func count() throws -> Int {
    Int(
      try sql.int64(
        "SELECT count(*) FROM device WHERE account = ? AND clientTypeFilter = ?", [account, filter])
        ?? 0)
  }

  /// The ids at `positions` in IMEI order.
  func ids(at positions: Range<Int>) throws -> [String] {
    try sql.rows(
      """
      SELECT deviceId FROM device WHERE account = ? AND clientTypeFilter = ?
      ORDER BY sortKey LIMIT ? OFFSET ?
      """,
      [account, filter, positions.count, positions.lowerBound]
    ).map { try $0.string("deviceId") }
  }

  /// The next ``page`` devices in IMEI order after sort key `after` (from the first without),
  /// with their sort keys.
  func inOrder(after: String?) throws -> [(sortKey: String, device: Device)] {
    let arguments: [any HistoryBindable] = [account, filter] + (after.map { [$0] } ?? []) + [Self.page]
    return try sql.rows(
      """
      SELECT sortKey, \(Self.columns) FROM device WHERE account = ? AND clientTypeFilter = ?
      \(after == nil ? "" : "AND sortKey > ?") ORDER BY sortKey LIMIT ?
      """,
      arguments
    ).map { (try $0.string("sortKey"), try Self.device($0)) }
  }
}

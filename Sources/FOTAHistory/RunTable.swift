import FOTAModel

/// The `run` table, every statement that touches it: one row per recorded night of an account
/// and filter, pending until its report is published.
struct RunTable {
  /// One row of the table.
  struct Record {
    var id: Int64
    var account: String
    var clientTypeFilter: String
    var night: String
    var asOf: Int64
    var isFirst: Bool
    var devices: Int
    var ready: Int
    var added: Int
    var removed: Int
    var changedDevices: Int
    var changes: Int
    var state: String
    var output: String
    var dataProblems: Int?

    init(_ row: HistoryRow) throws {
      id = try row.int64("id")
      account = try row.string("account")
      clientTypeFilter = try row.string("clientTypeFilter")
      night = try row.string("night")
      asOf = try row.int64("asOf")
      isFirst = try row.bool("isFirst")
      devices = try row.int("devices")
      ready = try row.int("ready")
      added = try row.int("added")
      removed = try row.int("removed")
      changedDevices = try row.int("changedDevices")
      changes = try row.int("changes")
      state = try row.string("state")
      output = try row.string("output")
      dataProblems = try row.optionalInt("dataProblems")
    }

    /// The run as `history list` shows it.
    var run: HistoryRun {
      HistoryRun(
        id: id, account: account, clientTypeFilter: clientTypeFilter, night: night, devices: devices,
        ready: ready, added: added, removed: removed, changedDevices: changedDevices, changes: changes,
        isPublished: state == "published", output: output)
    }
  }

  /// The columns a ``Record`` reads.
  static let columns = """
    id, account, clientTypeFilter, night, asOf, isFirst, devices, ready, added, removed, changedDevices, changes,
    state, output, dataProblems
    """

  let sql: any HistorySQL

  private func records(_ condition: String, _ arguments: [any HistoryBindable]) throws -> [Record] {
    try sql.rows("SELECT \(Self.columns) FROM run \(condition)", arguments).map(Record.init)
  }

  /// The run with id `id`.
  func find(_ id: Int64) throws -> Record? {
    try records("WHERE id = ?", [id]).first
  }

  /// The latest published run of an account and filter (before run `before`, when given).
  /// Nights only ever grow with the run id, because an older night than the latest is refused.
  func latestPublished(account: String, filter: String, before: Int64 = .max) throws -> Record? {
    try records(
      """
      WHERE account = ? AND clientTypeFilter = ? AND state = 'published' AND id < ?
      ORDER BY id DESC LIMIT 1
      """,
      [account, filter, before]
    ).first
  }

  /// The last `limit` published runs of an account and filter but `excluded`, oldest first.
  func recentPublished(account: String, filter: String, excluding excluded: Int64?, limit: Int) throws
    -> [Record]
  {
    try records(
      """
      WHERE account = ? AND clientTypeFilter = ? AND state = 'published' AND id != ?
      ORDER BY id DESC LIMIT ?
      """,
      [account, filter, excluded ?? -1, limit]
    ).reversed()
  }

  /// Every run, by account and filter, oldest first.
  func all() throws -> [Record] {
    try records("ORDER BY account, clientTypeFilter, id", [])
  }

  /// Runs committed but not marked published.
  func pending() throws -> [Record] {
    try records("WHERE state = 'pending' ORDER BY id", [])
  }

  /// Records a prepared night as a pending run; returns its id.
  func insertPending(_ night: PreparedNight, output: String) throws -> Int64 {
    let delta = night.history.delta
    guard
      let id = try sql.int64(
        """
        INSERT INTO run (account, clientTypeFilter, night, asOf, isFirst, devices, ready, added, removed,
          changedDevices, changes, state, output, dataProblems)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
        RETURNING id
        """,
        [
          night.account, night.filter, night.night, night.asOf, !delta.hasPreviousRun,
          night.summary.totals.devices, night.summary.totals.ready, delta.added, delta.removed,
          delta.changedDevices, delta.changes.count, output, night.dataProblems,
        ])
    else { throw HistorySQLError.noColumn("id") }
    return id
  }

  /// Marks a run published.
  func markPublished(_ id: Int64) throws {
    try sql.execute("UPDATE run SET state = 'published' WHERE id = ?", [id])
  }

  /// Deletes a run; its changes, aggregates and device index go with it (`ON DELETE CASCADE`).
  func delete(_ id: Int64) throws {
    try sql.execute("DELETE FROM run WHERE id = ?", [id])
  }

  /// The ids of the runs older than the last `keep` of their account and filter, as a subquery
  /// taking `keep` as its argument.
  static let olderThanLastSQL = """
    SELECT id FROM run AS r WHERE (
      SELECT count(*) FROM run AS newer
      WHERE newer.account = r.account AND newer.clientTypeFilter = r.clientTypeFilter AND newer.id > r.id
    ) >= ?
    """
}

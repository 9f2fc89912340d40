import FOTAAggregate
import FOTAModel
import GRDB

/// Reading and pruning the history, for the `history` commands.
extension HistoryStore {
  /// Every run, oldest first.
  public func runs() throws(HistoryError) -> [HistoryRun] {
    do {
      return try pool.read { db in
        try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY account, clientTypeFilter, id").map(Self.run)
      }
    } catch {
      throw .failed(path: path, reason: Self.describe(error))
    }
  }

  /// One run with its figures by dimension (readiness, upgrade age, …) and its changes by kind.
  public func details(run id: Int64) throws(HistoryError) -> (
    run: HistoryRun, groups: [(dimension: String, value: String, devices: Int)], changes: [String: Int]
  )? {
    do {
      return try pool.read { db in
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]) else {
          return nil
        }
        let groups = try Row.fetchAll(
          db,
          sql: """
            SELECT dimension, value, devices FROM aggregate
            WHERE runId = ? AND dimension IN ('readiness', 'upgradeAge', 'clientType', 'status')
            ORDER BY dimension, devices DESC, value
            """, arguments: [id]
        ).map {
          (dimension: $0["dimension"] as String, value: $0["value"] as String, devices: $0["devices"] as Int)
        }
        var changes: [String: Int] = [:]
        for change in try Row.fetchAll(
          db, sql: "SELECT kind, count(*) AS n FROM change WHERE runId = ? GROUP BY kind", arguments: [id])
        {
          changes[change["kind"]] = change["n"]
        }
        return (Self.run(row), groups, changes)
      }
    } catch {
      throw .failed(path: path, reason: Self.describe(error))
    }
  }

  /// Drops the aggregates and change rows of all but the last `keepNights` runs of each account
  /// and filter; run rows and the current state of every device stay. Returns the rows dropped.
  public func prune(keepNights: Int) throws(HistoryError) -> Int {
    do {
      let dropped = try pool.write { db -> Int in
        let old = """
          SELECT id FROM run AS r WHERE (
            SELECT count(*) FROM run AS newer
            WHERE newer.account = r.account AND newer.clientTypeFilter = r.clientTypeFilter AND newer.id > r.id
          ) >= ?
          """
        try db.execute(sql: "DELETE FROM change WHERE runId IN (\(old))", arguments: [keepNights])
        let changes = db.changesCount
        try db.execute(sql: "DELETE FROM aggregate WHERE runId IN (\(old))", arguments: [keepNights])
        return changes + db.changesCount
      }
      try pool.vacuum()
      return dropped
    } catch {
      throw .failed(path: path, reason: Self.describe(error))
    }
  }

  static func run(_ row: Row) -> HistoryRun {
    HistoryRun(
      id: row["id"], account: row["account"], clientTypeFilter: row["clientTypeFilter"], night: row["night"],
      devices: row["devices"], ready: row["ready"], added: row["added"], removed: row["removed"],
      changedDevices: row["changedDevices"], changes: row["changes"],
      isPublished: row["state"] == "published",
      output: row["output"])
  }
}

import Foundation

/// Moves a whole history from one store to another (SQLite to PostgreSQL and back), so that a
/// user who changes stores keeps their trend: every table row for row, run ids kept, in one
/// transaction on the target, then verified by comparing each table's row count.
public enum HistoryCopy {
  /// A table as the copy reads it: its columns, and the order that keeps what order matters.
  struct Table {
    let name: String
    let columns: [String]
    let order: String
  }

  /// Rows read from the source at a time.
  static let page = 10_000

  static func tables(_ dialect: HistoryDialect) -> [Table] {
    [
      Table(
        name: "run",
        columns: [
          "id", "account", "clientTypeFilter", "night", "asOf", "isFirst", "devices", "ready", "added",
          "removed",
          "changedDevices", "changes", "state", "output", "dataProblems", "readUpgrades",
        ], order: "id"),
      Table(
        name: "device", columns: ["account", "clientTypeFilter", "sortKey"] + DeviceTable.columnNames,
        order: "account, clientTypeFilter, sortKey"),
      // Undoing a run reads its changes newest first: they keep the order they were found in.
      Table(
        name: "change",
        columns: ["runId", "sortKey", "deviceId", "make", "model", "kind", "before", "after", "snapshot"],
        order: dialect.insertionOrder),
      Table(
        name: "aggregate",
        columns: [
          "runId", "dimension", "make", "model", "value", "devices", "fotaEligible", "licenseAssigned",
          "ready",
          "needsLicense", "ineligible", "upgraded", "neverUpgraded", "unknownUpgrade", "invalidUpgrade",
          "latestUpgrade",
        ], order: "runId, dimension, make, model, value"),
      Table(
        name: "deviceIndex",
        columns: ["runId", "chunk", "account", "clientTypeFilter", "count", "ids", "digests"],
        order: "runId, chunk"),
      Table(
        name: "upgradeTotals",
        columns: [
          "runId", "upgradeId", "status", "devices", "succeeded", "failed", "inProgress", "pending", "other",
        ], order: "runId, upgradeId"),
    ]
  }

  /// Copies every row of `source` into `target`, which must hold no run; returns the rows of each
  /// table, the same in both (checked after the copy is committed).
  public static func copy(from source: HistoryStore, to target: HistoryStore) throws(HistoryError)
    -> [(table: String, rows: Int)]
  {
    guard try target.runs().isEmpty else {
      throw .failed(path: target.path, reason: "it already holds runs; copy into an empty history")
    }
    do {
      try source.database.read { from in
        try target.database.write { to in
          for (readTable, writeTable) in zip(tables(from.dialect), tables(to.dialect)) {
            var batch = try to.batch(into: writeTable.name, columns: writeTable.columns, conflict: "")
            var offset = 0
            while true {
              let rows = try from.rows(
                """
                SELECT \(readTable.columns.joined(separator: ", ")) FROM \(readTable.name)
                ORDER BY \(readTable.order) LIMIT ? OFFSET ?
                """, [page, offset])
              for row in rows { try batch.add(row.values) }
              offset += rows.count
              if rows.count < page { break }
            }
            try batch.finish()
          }
          if to.dialect == .postgreSQL {
            // Run ids were copied as they were: the next run's id follows the largest.
            try to.execute(
              "SELECT setval(pg_get_serial_sequence('run', 'id'), coalesce(max(id), 1)) FROM run")
          }
        }
      }
    } catch let error as HistoryError {
      throw error
    } catch {
      throw .failed(path: target.path, reason: target.database.describe(error))
    }
    var counts: [(table: String, rows: Int)] = []
    for table in tables(.sqlite) {
      let sql = "SELECT count(*) FROM \(table.name)"
      let copied = try target.access { try target.database.read { try $0.int64(sql) ?? 0 } }
      let original = try source.access { try source.database.read { try $0.int64(sql) ?? 0 } }
      guard copied == original else {
        throw .failed(
          path: target.path, reason: "the copy holds \(copied) rows of \(table.name), the source \(original)")
      }
      counts.append((table.name, Int(copied)))
    }
    return counts
  }
}

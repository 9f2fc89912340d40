import FOTAModel
import FOTANightDevices

/// Reading and pruning the history, for the `history` commands.
extension HistoryStore {
  /// Every run, oldest first.
  public func runs() throws(HistoryError) -> [HistoryRun] {
    do {
      return try database.read { sql in
        try RunTable(sql: sql).all().map(\.run)
      }
    } catch {
      throw .failed(path: path, reason: database.describe(error))
    }
  }

  /// One run with its figures by dimension (readiness, upgrade age, …) and its changes by kind.
  public func details(run id: Int64) throws(HistoryError) -> (
    run: HistoryRun, groups: [(dimension: String, value: String, devices: Int)], changes: [String: Int]
  )? {
    do {
      return try database.read { sql in
        guard let run = try RunTable(sql: sql).find(id) else { return nil }
        return (
          run.run, try AggregateTable(sql: sql).groups(runId: id),
          try ChangeTable(sql: sql).countsByKind(runId: id)
        )
      }
    } catch {
      throw .failed(path: path, reason: database.describe(error))
    }
  }

  /// Drops the aggregates and change rows of all but the last `keepNights` runs of each account
  /// and filter; run rows and the current state of every device stay. Returns the rows dropped.
  public func prune(keepNights: Int) throws(HistoryError) -> Int {
    do {
      let dropped = try database.write { sql -> Int in
        try ChangeTable(sql: sql).prune(keepNights: keepNights)
          + AggregateTable(sql: sql).prune(keepNights: keepNights)
      }
      try database.compact()
      return dropped
    } catch {
      throw .failed(path: path, reason: database.describe(error))
    }
  }
}

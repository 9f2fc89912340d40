import FOTAModel
import FOTANightDevices
import GRDB

/// Reading and pruning the history, for the `history` commands.
extension HistoryStore {
  /// Every run, oldest first.
  public func runs() throws(HistoryError) -> [HistoryRun] {
    do {
      return try pool.read { db in
        try RunTable(db: db).all().map(\.run)
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
        guard let run = try RunTable(db: db).find(id) else { return nil }
        return (
          run.run, try AggregateTable(db: db).groups(runId: id),
          try ChangeTable(db: db).countsByKind(runId: id)
        )
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
        try ChangeTable(db: db).prune(keepNights: keepNights)
          + AggregateTable(db: db).prune(keepNights: keepNights)
      }
      try pool.vacuum()
      return dropped
    } catch {
      throw .failed(path: path, reason: Self.describe(error))
    }
  }
}

import FOTAModel
import Foundation
import Logging

extension HistoryStore {
  /// Opens (creating and migrating if needed) the history at `location`: an SQLite file, or a
  /// PostgreSQL schema, which is checked for migrations of a newer version before anything is
  /// written. `applicationName` is how PostgreSQL's `pg_stat_activity` shows this run, and so how
  /// a second run of the account names the holder of the run lock.
  public static func open(
    _ location: HistoryLocation, busyTimeout: TimeInterval = defaultBusyTimeout,
    applicationName: String = "fota-report", logger: Logger = Logger(label: "fota-report.history")
  ) throws(HistoryError) -> HistoryStore {
    switch location {
    case .sqlite(let path):
      return try HistoryStore(path: path, busyTimeout: busyTimeout)
    case .postgreSQL(let postgreSQL):
      let connector = PostgreSQLConnector(
        location: postgreSQL, timeout: .seconds(max(1, min(Int64(busyTimeout), 30))))
      let connection = try connector.connectWaiting(applicationName: applicationName, logger: logger)
      let database = PostgreSQLHistoryDatabase(
        connection: connection, location: postgreSQL, statementTimeout: .seconds(Int64(busyTimeout) + 60),
        logger: logger)
      do {
        try PostgreSQLMigrator(database: database, lockTimeout: busyTimeout).migrate()
      } catch let error as HistoryError {
        database.close()
        throw error
      } catch {
        database.close()
        throw .failed(path: database.name, reason: database.describe(error))
      }
      return HistoryStore(database: database)
    }
  }

  /// Takes the run lock of `account` and `clientTypeFilter` for as long as this store is open,
  /// or throws ``HistoryError/locked(path:holder:)`` naming the run that holds it. A shared
  /// (PostgreSQL) history takes a session advisory lock, which the server releases when the
  /// connection ends, also when the run dies; runs of other accounts take other locks and never
  /// wait. An SQLite history is locked by the run's lock file beside it, so this does nothing.
  public func lockRun(account: String, clientTypeFilter: String?) throws(HistoryError) {
    guard let database = database as? PostgreSQLHistoryDatabase else { return }
    try access { try database.lockRun(account: account, filter: clientTypeFilter ?? "") }
  }

  /// Closes the store: a shared history's connection ends, and its run lock with it.
  public func close() {
    (database as? PostgreSQLHistoryDatabase)?.close()
  }
}

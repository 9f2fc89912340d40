import FOTAModel
import Foundation
import Logging
import PostgresNIO

/// One run per account and client type at a time, across every host sharing a PostgreSQL
/// history: a session advisory lock, held on a connection of its own for the length of the run
/// and released with it, also when the run dies and its connection with it. A run for another
/// account takes another lock and never waits for this one.
public final class PostgreSQLRunLock: Sendable {
  private let connection: PostgresConnection
  private let key: (Int32, Int32)
  private let logger: Logger

  private init(connection: PostgresConnection, key: (Int32, Int32), logger: Logger) {
    self.connection = connection
    self.key = key
    self.logger = logger
  }

  /// Takes the lock for `account` and `clientTypeFilter` in `connector`'s schema, or throws
  /// ``HistoryError/locked(path:holder:)`` naming the run that holds it. `holder` names this run
  /// to the others (`fota-report on HOST, pid N`).
  public static func acquire(
    _ connector: PostgreSQLConnector, account: String, clientTypeFilter: String?, holder: String,
    logger: Logger
  ) async throws(HistoryError) -> PostgreSQLRunLock {
    let location = connector.location
    let key = Self.key(schema: location.schema, account: account, filter: clientTypeFilter ?? "")
    let connection = try await connector.connect(applicationName: holder, logger: logger)
    do {
      let (high, low) = key
      var taken = false
      for try await value in try await connection.query(
        "SELECT pg_try_advisory_lock(\(high), \(low))", logger: logger
      ).decode(Bool.self) {
        taken = value
      }
      guard taken else {
        let current = try await Self.holder(of: key, on: connection, logger: logger)
        try? await connection.close()
        throw HistoryError.locked(
          path: location.description, holder: current ?? "another run (it did not say which)")
      }
      return PostgreSQLRunLock(connection: connection, key: key, logger: logger)
    } catch let error as HistoryError {
      throw error
    } catch {
      try? await connection.close()
      throw .failed(path: location.description, reason: PostgreSQLConnector.describe(error))
    }
  }

  /// Releases the lock and closes its connection. A connection that already died took the lock
  /// with it: nothing is sent on it.
  public func release() async {
    guard !connection.isClosed else { return }
    let (high, low) = key
    do {
      for try await _ in try await connection.query(
        "SELECT pg_advisory_unlock(\(high), \(low))", logger: logger)
      {}
    } catch {
      // Its session already ended (the connection died): the server released the lock with it.
    }
    try? await connection.close()
  }

  /// The name the holder of `key` gave, from `pg_stat_activity`.
  private static func holder(of key: (Int32, Int32), on connection: PostgresConnection, logger: Logger)
    async throws -> String?
  {
    let (high, low) = key
    let rows = try await connection.query(
      """
      SELECT activity.application_name FROM pg_locks AS lock
      JOIN pg_stat_activity AS activity ON activity.pid = lock.pid
      WHERE lock.locktype = 'advisory' AND lock.granted
        AND lock.classid = (\(high))::int::oid AND lock.objid = (\(low))::int::oid AND lock.objsubid = 2
      """, logger: logger)
    var name: String?
    for try await value in rows.decode(String.self) where name == nil { name = value }
    return name.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The lock's two 32-bit keys: FNV-1a of the schema, account and filter.
  static func key(schema: String, account: String, filter: String) -> (Int32, Int32) {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in Array(schema.utf8) + [0] + Array(account.utf8) + [0] + Array(filter.utf8) {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
    }
    return (Int32(truncatingIfNeeded: hash >> 32), Int32(truncatingIfNeeded: hash))
  }
}

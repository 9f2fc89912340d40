extension PostgreSQLHistoryDatabase {
  /// Takes the session advisory lock of an account and filter, or throws
  /// ``HistoryError/locked(path:holder:)`` naming the holder as its connection's
  /// `application_name`. Held until the connection ends.
  func lockRun(account: String, filter: String) throws {
    let (high, low) = Self.lockKey(schema: location.schema, account: account, filter: filter)
    let taken = try session { sql in
      try sql.int64("SELECT pg_try_advisory_lock(\(high), \(low))::int") == 1
    }
    guard !taken else { return }
    let holder = try session { sql in
      try sql.row(
        """
        SELECT activity.application_name AS name FROM pg_locks AS lock
        JOIN pg_stat_activity AS activity ON activity.pid = lock.pid
        WHERE lock.locktype = 'advisory' AND lock.granted
          AND lock.classid = (\(high))::int::oid AND lock.objid = (\(low))::int::oid AND lock.objsubid = 2
        """)?.optionalString("name")
    }
    throw HistoryError.locked(
      path: name, holder: holder.flatMap { $0.isEmpty ? nil : $0 } ?? "another run (it did not say which)")
  }

  /// The lock's two 32-bit keys: FNV-1a of the schema, account and filter.
  static func lockKey(schema: String, account: String, filter: String) -> (Int32, Int32) {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in Array(schema.utf8) + [0] + Array(account.utf8) + [0] + Array(filter.utf8) {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
    }
    return (Int32(truncatingIfNeeded: hash >> 32), Int32(truncatingIfNeeded: hash))
  }
}

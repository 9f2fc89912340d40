import Foundation

/// Brings a PostgreSQL history's schema to this version's migrations: refuses, untouched, a
/// schema a newer version has migrated; creates the schema when missing; applies the missing
/// migrations in one transaction, under a transaction advisory lock so that two hosts starting at
/// once apply each migration once. Then points the session's `search_path` at the schema.
struct PostgreSQLMigrator {
  let database: PostgreSQLHistoryDatabase
  /// How long a statement waits for another session's lock (`lock_timeout`).
  let lockTimeout: TimeInterval

  var schema: String { database.location.schema }

  func migrate() throws {
    try database.session { sql in
      try sql.execute("SET lock_timeout = '\(max(1, Int(lockTimeout)))s'")
    }
    let unknown = try applied().subtracting(PostgreSQLSchema.known)
    if !unknown.isEmpty {
      throw HistoryError.newerVersion(path: database.name, unknownMigrations: unknown.sorted())
    }
    try database.write { sql in
      let (high, low) = PostgreSQLHistoryDatabase.lockKey(schema: schema, account: "", filter: "migrations")
      try sql.execute("SELECT pg_advisory_xact_lock(\(high), \(low))")
      if try sql.int64("SELECT count(*) FROM pg_namespace WHERE nspname = ?", [schema]) == 0 {
        // The schema is a plain name (PostgreSQLLocation.use(schema:)): nothing to quote.
        try sql.execute("CREATE SCHEMA \(schema)")
      }
      try sql.execute(
        """
        CREATE TABLE IF NOT EXISTS \(schema).migrations (
          identifier TEXT PRIMARY KEY, appliedAt TIMESTAMPTZ NOT NULL DEFAULT now())
        """)
      try sql.execute("SET LOCAL search_path TO \(schema)")
      let done = Set(
        try sql.rows("SELECT identifier FROM migrations", []).map { try $0.string("identifier") })
      for migration in PostgreSQLSchema.migrations where !done.contains(migration.identifier) {
        for statement in migration.statements { try sql.execute(statement) }
        try sql.execute("INSERT INTO migrations (identifier) VALUES (?)", [migration.identifier])
      }
    }
    try database.session { sql in try sql.execute("SET search_path TO \(schema)") }
  }

  /// The migrations the schema records; none when it has no history yet.
  private func applied() throws -> Set<String> {
    try database.read { sql in
      guard
        try sql.int64(
          "SELECT count(*) FROM pg_tables WHERE schemaname = ? AND tablename = 'migrations'", [schema]) == 1
      else { return [] }
      return Set(
        try sql.rows("SELECT identifier FROM \(schema).migrations", []).map { try $0.string("identifier") })
    }
  }
}

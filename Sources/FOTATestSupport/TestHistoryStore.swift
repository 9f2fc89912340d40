import FOTAHistory
import Foundation

/// The two history stores, for tests that must hold for both: the same test, parameterised.
public enum TestHistoryStore: String, CaseIterable, Sendable, CustomStringConvertible {
  case sqlite
  case postgreSQL

  public var description: String { self == .sqlite ? "SQLite" : "PostgreSQL" }

  /// A new, empty history of this store for one test: a file in `directory`, or a schema of its
  /// own on the test process's PostgreSQL server.
  public func location(in directory: TemporaryDirectory) async throws -> HistoryLocation {
    switch self {
    case .sqlite: return .sqlite(path: directory.path("history.sqlite").path)
    case .postgreSQL: return try await TestPostgres.shared().location(schema: TestPostgres.uniqueSchema())
    }
  }

  /// What a `fota-report` child needs to reach the history: `--history` (and the password).
  public static func arguments(_ location: HistoryLocation) -> [String] {
    switch location {
    case .sqlite(let path): return ["--history", path]
    case .postgreSQL(let postgreSQL):
      return ["--history", postgreSQL.description, "--history-schema", postgreSQL.schema]
    }
  }
}

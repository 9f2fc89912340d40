/// One store's connection inside a read or a transaction, as the history's tables speak to it:
/// SQL that both SQLite and PostgreSQL read the same, with `?` for each argument.
protocol HistorySQL {
  /// Which store it is, for the few statements that differ.
  var dialect: HistoryDialect { get }

  /// Runs a statement; returns how many rows it changed.
  @discardableResult
  func execute(_ sql: String, _ arguments: [any HistoryBindable]) throws -> Int

  /// Runs a query and returns its rows.
  func rows(_ sql: String, _ arguments: [any HistoryBindable]) throws -> [HistoryRow]

  /// Inserts many rows into `table`, `conflict` (an `ON CONFLICT` clause, or empty) saying
  /// what a row with an existing key does: as each store does it fastest.
  func batch(into table: String, columns: [String], conflict: String) throws -> any HistoryBatch
}

extension HistorySQL {
  @discardableResult
  func execute(_ sql: String) throws -> Int { try execute(sql, []) }

  /// The first row, if any.
  func row(_ sql: String, _ arguments: [any HistoryBindable] = []) throws -> HistoryRow? {
    try rows(sql, arguments).first
  }

  /// The first column of the first row as a number; `nil` for no row or NULL.
  func int64(_ sql: String, _ arguments: [any HistoryBindable] = []) throws -> Int64? {
    guard let row = try row(sql, arguments), let first = row.values.first else { return nil }
    switch first {
    case .integer(let number): return number
    case .null: return nil
    default: throw HistorySQLError.unexpected(column: row.columns.names.first ?? "", wanted: "a number")
    }
  }
}

/// Rows going into one table, added one at a time; ``finish()`` writes what is still held.
protocol HistoryBatch {
  mutating func add(_ row: [any HistoryBindable]) throws
  mutating func finish() throws
}

/// The two stores, for the few statements that cannot be written the same for both.
enum HistoryDialect: Sendable {
  case sqlite
  case postgreSQL

  /// The column that orders a table's rows as they were inserted.
  var insertionOrder: String {
    switch self {
    case .sqlite: return "rowid"
    case .postgreSQL: return "seq"
    }
  }
}

/// A history store's database: reads see one consistent state, writes are one transaction.
protocol HistoryDatabase: Sendable {
  /// The file, or the URL without its password, as messages name it.
  var name: String { get }

  /// Runs `body` against one consistent state of the database.
  func read<Value>(_ body: (any HistorySQL) throws -> Value) throws -> Value

  /// Runs `body` in one transaction, committed when it returns and rolled back when it throws.
  func write<Value>(_ body: (any HistorySQL) throws -> Value) throws -> Value

  /// Gives the space of dropped rows back (after `history prune`).
  func compact() throws

  /// One line for a failure of this store.
  func describe(_ error: any Error) -> String
}

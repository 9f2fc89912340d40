import FOTAModel
import Foundation
import GRDB

/// The embedded history: one SQLite file through GRDB, read by snapshots, written in
/// `IMMEDIATE` transactions that wait up to the busy timeout for another process's lock.
final class SQLiteHistoryDatabase: HistoryDatabase {
  let name: String
  let pool: DatabasePool

  init(path: String, pool: DatabasePool) {
    self.name = path
    self.pool = pool
  }

  func read<Value>(_ body: (any HistorySQL) throws -> Value) throws -> Value {
    try pool.read { db in try body(SQLiteSQL(db: db)) }
  }

  func write<Value>(_ body: (any HistorySQL) throws -> Value) throws -> Value {
    try pool.writeWithoutTransaction { db in
      var value: Value?
      try db.inTransaction(.immediate) {
        value = try body(SQLiteSQL(db: db))
        return .commit
      }
      return value!
    }
  }

  func compact() throws {
    try pool.vacuum()
  }

  func describe(_ error: any Error) -> String { Self.describe(error) }

  /// One line for an SQLite failure: SQLite's own message when it gave one.
  static func describe(_ error: any Error) -> String {
    if let error = error as? DatabaseError {
      return error.message ?? "SQLite error \(error.resultCode.rawValue)"
    }
    return ErrorText.describe(error)
  }
}

/// A GRDB connection as the history's tables speak to it.
struct SQLiteSQL: HistorySQL {
  let db: Database

  var dialect: HistoryDialect { .sqlite }

  @discardableResult
  func execute(_ sql: String, _ arguments: [any HistoryBindable]) throws -> Int {
    try db.execute(sql: sql, arguments: Self.arguments(arguments))
    return db.changesCount
  }

  func rows(_ sql: String, _ arguments: [any HistoryBindable]) throws -> [HistoryRow] {
    let statement = try db.cachedStatement(sql: sql)
    let columns = HistoryRow.Columns(statement.columnNames)
    return try Row.fetchAll(statement, arguments: Self.arguments(arguments)).map { row in
      HistoryRow(columns: columns, values: row.databaseValues.map(Self.value))
    }
  }

  func batch(into table: String, columns: [String], conflict: String) throws -> any HistoryBatch {
    let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
    return Batch(
      statement: try db.makeStatement(
        sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders)) \(conflict)")
    )
  }

  /// One prepared statement, run for each row: SQLite's fastest way in.
  private struct Batch: HistoryBatch {
    let statement: Statement

    mutating func add(_ row: [any HistoryBindable]) throws {
      try statement.execute(arguments: SQLiteSQL.arguments(row))
    }

    mutating func finish() throws {}
  }

  static func arguments(_ values: [any HistoryBindable]) -> StatementArguments {
    StatementArguments(
      values.map { value -> DatabaseValue in
        switch value.historyValue {
        case .null: return .null
        case .integer(let number): return number.databaseValue
        case .real(let number): return number.databaseValue
        case .text(let text): return text.databaseValue
        case .blob(let bytes): return Data(bytes).databaseValue
        }
      })
  }

  static func value(_ value: DatabaseValue) -> HistoryValue {
    switch value.storage {
    case .null: return .null
    case .int64(let number): return .integer(number)
    case .double(let number): return .real(number)
    case .string(let text): return .text(text)
    case .blob(let data): return .blob([UInt8](data))
    }
  }
}

import FOTAModel
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// A PostgreSQL history, over one connection held for the life of the store: reads in
/// `REPEATABLE READ` snapshots, writes in one transaction each, every statement answered within
/// a bound or the connection is closed. The history's tables live in the location's schema
/// (`search_path`), created and migrated by ``PostgreSQLSchema`` when the store opens.
///
/// The store's API is synchronous, like SQLite's: each statement is sent on the connection's
/// event loop and waited for on the calling thread, which never is an event-loop thread.
final class PostgreSQLHistoryDatabase: HistoryDatabase, @unchecked Sendable {
  let name: String
  let location: PostgreSQLLocation
  /// How long one statement may take before the connection is closed under it.
  let statementTimeout: Duration
  private let connection: PostgresConnection
  private let logger: Logger
  /// One transaction at a time on the one connection.
  private let lock = NSLock()
  /// Rows the write transaction under way has sent to each table (guarded by `lock`).
  fileprivate var rowsWritten: [String: Int] = [:]
  /// The thread every store in the process copies on; copies are short, one at a time per store.
  static let copyThread = DedicatedThreads(count: 1, name: "fota-history-copy")
  /// Rows written to a table in one transaction past which its statistics are refreshed.
  static let analyzeAfterRows = 10_000

  init(
    connection: PostgresConnection, location: PostgreSQLLocation, statementTimeout: Duration, logger: Logger
  ) {
    self.connection = connection
    self.location = location
    self.name = location.description
    self.statementTimeout = statementTimeout
    self.logger = logger
  }

  func read<Value>(_ body: (any HistorySQL) throws -> Value) throws -> Value {
    try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", body)
  }

  /// Runs `body` in a write transaction. After a bulk write (a first night of a large fleet) the
  /// tables it filled are analysed at once: planned with the empty tables' statistics, the next
  /// night's lookups of changed devices scanned the whole table (0.4 s each instead of 6 ms at
  /// 1,000,000 devices) until autovacuum caught up.
  func write<Value>(_ body: (any HistorySQL) throws -> Value) throws -> Value {
    let value = try transaction("BEGIN", body)
    lock.lock()
    let bulk = rowsWritten.filter { $0.value >= Self.analyzeAfterRows }.keys.sorted()
    rowsWritten.removeAll()
    lock.unlock()
    for table in bulk {
      do {
        try session { try $0.execute("ANALYZE \(table)") }
      } catch {
        logger.notice(
          "history statistics not refreshed", metadata: ["table": "\(table)", "reason": "\(describe(error))"])
      }
    }
    return value
  }

  private func transaction<Value>(_ begin: String, _ body: (any HistorySQL) throws -> Value) throws -> Value {
    lock.lock()
    defer { lock.unlock() }
    rowsWritten.removeAll()
    let sql = PostgreSQLSQL(database: self)
    try sql.execute(begin)
    do {
      let value = try body(sql)
      try sql.execute("COMMIT")
      return value
    } catch {
      _ = try? sql.execute("ROLLBACK")
      throw error
    }
  }

  /// Runs `body` outside any transaction (session settings, the run lock, migrations that take
  /// their own).
  @discardableResult
  func session<Value>(_ body: (PostgreSQLSQL) throws -> Value) throws -> Value {
    lock.lock()
    defer { lock.unlock() }
    return try body(PostgreSQLSQL(database: self))
  }

  /// PostgreSQL's autovacuum gives dropped rows' space back on its own.
  func compact() throws {}

  func describe(_ error: any Error) -> String {
    if error is StatementTimedOut {
      return "no answer within \(Int(statementTimeout.components.seconds)) s; the connection was closed"
    }
    if error is ConnectionClosed { return "the connection to the server was closed" }
    return PostgreSQLConnector.describe(error)
  }

  /// Closes the connection; the server ends the session and releases its locks.
  func close() {
    guard !connection.isClosed else { return }
    _ = try? connection.close().wait()
  }

  /// The last user of the store is gone: its session ends (never on an event-loop thread: the
  /// store is never handed to one).
  deinit {
    close()
  }

  var isClosed: Bool { connection.isClosed }

  /// Sends one statement and waits for its rows, closing the connection when it takes longer
  /// than ``statementTimeout``.
  fileprivate func run(_ sql: String, _ arguments: [HistoryValue]) throws -> PostgresQueryResult {
    var bindings = PostgresBindings(capacity: arguments.count)
    for argument in arguments {
      switch argument {
      case .null: bindings.appendNull()
      case .integer(let number): bindings.append(number)
      case .real(let number): bindings.append(number)
      case .text(let text): bindings.append(text)
      case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
      }
    }
    let query = PostgresQuery(unsafeSQL: Self.numbered(sql), binds: bindings)
    // A closed connection may never answer a query sent on it: refuse at once.
    guard !connection.isClosed else { throw ConnectionClosed() }
    let answered = connection.query(query, logger: logger)
    // The answer or the deadline, whichever comes first, settles the wait; at the deadline the
    // connection is closed, so the server ends the statement and its transaction.
    let loop = answered.eventLoop
    let settled = FirstOnly()
    let promise = loop.makePromise(of: PostgresQueryResult.self)
    answered.whenComplete { result in
      if settled.first() { promise.completeWith(result) }
    }
    let connection = self.connection
    let timer = loop.scheduleTask(in: .nanoseconds(Self.nanoseconds(statementTimeout))) {
      guard settled.first() else { return }
      promise.fail(StatementTimedOut())
      let closing: EventLoopFuture<Void> = connection.close()
      _ = closing
    }
    defer { timer.cancel() }
    return try promise.futureResult.wait()
  }

  /// Sends rows in `COPY`'s text format (`text`: tab-separated, one row a line) into `table`,
  /// bounded as a statement is. postgres-nio offers `COPY` as async code only, and the store's
  /// caller waits for it blocking, maybe on a thread of Swift's shared pool: the transfer runs on
  /// a thread of its own, so it never needs that pool to make progress.
  fileprivate func copy(into table: String, columns: [String], text: [UInt8]) throws {
    guard !connection.isClosed else { throw ConnectionClosed() }
    let connection = self.connection
    let logger = self.logger
    let loop = connection.eventLoop
    let settled = FirstOnly()
    let promise = loop.makePromise(of: Void.self)
    let transfer = Task(executorPreference: Self.copyThread) {
      do {
        // postgres-nio quotes the names; the history's were created unquoted, so lower-case.
        try await connection.copyFrom(
          table: table.lowercased(), columns: columns.map { $0.lowercased() }, logger: logger
        ) { writer in
          try await writer.write(ByteBuffer(bytes: text))
        }
        if settled.first() { promise.succeed(()) }
      } catch {
        if settled.first() { promise.fail(error) }
      }
    }
    let timer = loop.scheduleTask(in: .nanoseconds(Self.nanoseconds(statementTimeout))) {
      guard settled.first() else { return }
      promise.fail(StatementTimedOut())
      transfer.cancel()
      let closing: EventLoopFuture<Void> = connection.close()
      _ = closing
    }
    defer { timer.cancel() }
    try promise.futureResult.wait()
  }

  private static func nanoseconds(_ duration: Duration) -> Int64 {
    duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
  }

  /// The history's statements write `?` for each argument; PostgreSQL numbers them (`$1`, …).
  /// No statement has a `?` inside a quoted string.
  static func numbered(_ sql: String) -> String {
    guard sql.contains("?") else { return sql }
    var result = ""
    result.reserveCapacity(sql.utf8.count + 16)
    var number = 0
    for character in sql {
      if character == "?" {
        number += 1
        result += "$\(number)"
      } else {
        result.append(character)
      }
    }
    return result
  }

  struct StatementTimedOut: Error {}

  /// The connection was closed (its deadline passed, or it dropped) before the statement.
  struct ConnectionClosed: Error {}
}

/// The PostgreSQL connection as the history's tables speak to it.
struct PostgreSQLSQL: HistorySQL {
  fileprivate let database: PostgreSQLHistoryDatabase

  var dialect: HistoryDialect { .postgreSQL }

  @discardableResult
  func execute(_ sql: String, _ arguments: [any HistoryBindable]) throws -> Int {
    let result = try database.run(sql, arguments.map(\.historyValue))
    return result.metadata.rows ?? 0
  }

  func rows(_ sql: String, _ arguments: [any HistoryBindable]) throws -> [HistoryRow] {
    let result = try database.run(sql, arguments.map(\.historyValue))
    guard let first = result.rows.first else { return [] }
    let columns = HistoryRow.Columns(first.map(\.columnName))
    return try result.rows.map { row in
      HistoryRow(columns: columns, values: try row.map(Self.value))
    }
  }

  func batch(into table: String, columns: [String], conflict: String) throws -> any HistoryBatch {
    Batch(sql: self, table: table, columns: columns, conflict: conflict)
  }

  /// Rows sent many at a time: new rows (no `conflict` clause) by `COPY`, ten thousand a transfer;
  /// rows that may replace others by `INSERT … VALUES (…), (…), … ON CONFLICT`, a thousand a
  /// statement. At 1,000,000 devices `COPY` took a first night's record from 41 s to a few.
  private struct Batch: HistoryBatch {
    let sql: PostgreSQLSQL
    let table: String
    let columns: [String]
    let conflict: String
    var held: [any HistoryBindable] = []
    var copyText: [UInt8] = []
    var rowsHeld = 0

    init(sql: PostgreSQLSQL, table: String, columns: [String], conflict: String) {
      self.sql = sql
      self.table = table
      self.columns = columns
      self.conflict = conflict
    }

    /// Whether rows go by `COPY`: nothing they could replace.
    var copies: Bool { conflict.isEmpty }

    /// Rows a statement takes: at most 1,000, and at most 60,000 arguments (PostgreSQL takes
    /// 65,535); a transfer, 10,000.
    var rowsPerStatement: Int { copies ? 10_000 : min(1_000, 60_000 / max(1, columns.count)) }

    mutating func add(_ row: [any HistoryBindable]) throws {
      if copies {
        CopyText.append(row.map(\.historyValue), to: &copyText)
      } else {
        held += row
      }
      rowsHeld += 1
      if rowsHeld == rowsPerStatement { try finish() }
    }

    mutating func finish() throws {
      guard rowsHeld > 0 else { return }
      if copies {
        try sql.database.copy(into: table, columns: columns, text: copyText)
        copyText.removeAll(keepingCapacity: true)
      } else {
        let one = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let values = Array(repeating: one, count: rowsHeld).joined(separator: ", ")
        try sql.execute(
          "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(values) \(conflict)", held)
        held.removeAll(keepingCapacity: true)
      }
      sql.database.rowsWritten[table, default: 0] += rowsHeld
      rowsHeld = 0
    }
  }

  /// A cell as the history reads it: integers, real numbers, text and bytes.
  static func value(_ cell: PostgresCell) throws -> HistoryValue {
    guard let bytes = cell.bytes else { return .null }
    switch cell.dataType {
    case .int8: return .integer(try cell.decode(Int64.self))
    case .int4: return .integer(Int64(try cell.decode(Int32.self)))
    case .int2: return .integer(Int64(try cell.decode(Int16.self)))
    case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
    case .float4, .float8: return .real(try cell.decode(Double.self))
    case .bytea: return .blob(Array(bytes.readableBytesView))
    default: return .text(try cell.decode(String.self))
    }
  }
}

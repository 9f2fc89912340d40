import FOTAHistory
import FOTATestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

/// Connecting to a PostgreSQL history, against a real PostgreSQL 15 server the suite starts.
@Suite("PostgreSQL history: connecting", .serialized)
struct PostgreSQLConnectionTests {
  static let logger = Logger(label: "test")

  static func location(_ url: String, password: String? = TestPostgres.password) throws -> PostgreSQLLocation
  {
    var environment = ["USER": "fleet", "HOME": "/nonexistent"]
    environment["PGPASSWORD"] = password
    guard case .postgreSQL(let location) = try HistoryLocation(url, environment: environment) else {
      throw CancellationError()
    }
    return location
  }

  @Test("the server's password login over loopback TCP and over its Unix socket")
  func connects() async throws {
    let server = try await TestPostgres.start()
    defer { server.stop() }
    for url in [
      server.url(),
      "postgresql://\(TestPostgres.user)@localhost:\(server.port)/postgres?host=\(server.folder.path)",
    ] {
      let connection = try await PostgreSQLConnector(location: try Self.location(url)).connect(
        logger: Self.logger)
      let rows = try await connection.query(
        "SELECT current_setting('server_version_num')::int", logger: Self.logger)
      var version = 0
      for try await (number) in rows.decode(Int.self) { version = number }
      #expect(version >= 150_000, "\(url)")
      try await connection.close()
    }
  }

  @Test("a wrong password, a closed port and TLS the server does not offer: one line each, no password")
  func refusals() async throws {
    let server = try await TestPostgres.start()
    defer { server.stop() }
    let closed = try TestPostgres.freePort()
    let cases: [(url: String, password: String?, says: String)] = [
      (server.url(), "not-the-password", "password authentication failed"),
      (server.url(), nil, "asks for a password"),
      (
        "postgresql://\(TestPostgres.user)@127.0.0.1:\(closed)/postgres", TestPostgres.password,
        "cannot reach the server"
      ),
      (server.url() + "?sslmode=require", TestPostgres.password, "does not offer TLS"),
    ]
    for (url, password, says) in cases {
      let location = try Self.location(url, password: password)
      do {
        let connection = try await PostgreSQLConnector(location: location, timeout: .seconds(5)).connect(
          logger: Self.logger)
        try? await connection.close()
        Issue.record("\(url) connected")
      } catch {
        let line = error.errorDescription ?? ""
        #expect(line.contains(says), "\(url): \(line)")
        #expect(line.contains(location.description), "\(line)")
        #expect(!line.contains("not-the-password") && !line.contains(TestPostgres.password), "\(line)")
        #expect(!line.contains("\n"))
      }
    }
  }
}

/// One run per account and client type at a time, across hosts.
@Suite("PostgreSQL history: the run lock", .serialized)
struct PostgreSQLRunLockTests {
  @Test(
    "a second run of one account is refused naming the first; other accounts go ahead; a dead run frees it")
  func oneRunPerAccount() async throws {
    let server = try await TestPostgres.shared()
    let location = try server.location(schema: TestPostgres.uniqueSchema())
    let account = "0242078698-00001"
    let first = try HistoryStore.open(location, applicationName: "fota-report on host-a, pid 11")
    try first.lockRun(account: account, clientTypeFilter: nil)
    let second = try HistoryStore.open(location, applicationName: "fota-report on host-b, pid 22")
    defer { second.close() }
    #expect(throws: HistoryError.locked(path: location.description, holder: "fota-report on host-a, pid 11"))
    {
      try second.lockRun(account: account, clientTypeFilter: nil)
    }
    // Another account, or another client type of the same account: a lock of its own.
    try second.lockRun(account: "0242078698-00002", clientTypeFilter: nil)
    try second.lockRun(account: account, clientTypeFilter: "LWM2M")
    // A run that dies loses its connection, and the lock with it: the server ends its session.
    let admin = try await PostgreSQLConnector(location: try PostgreSQLConnectionTests.location(server.url()))
      .connect(logger: PostgreSQLConnectionTests.logger)
    let ended = try await admin.query(
      "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name = 'fota-report on host-a, pid 11'",
      logger: PostgreSQLConnectionTests.logger)
    for try await terminated in ended.decode(Bool.self) { #expect(terminated) }
    try await admin.close()
    let third = try HistoryStore.open(location, applicationName: "c")
    defer { third.close() }
    try third.lockRun(account: account, clientTypeFilter: nil)
    // Closing the dead run's store sends nothing and does not wait.
    first.close()
  }
}

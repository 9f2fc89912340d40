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
    let server = try TestPostgres()
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
    let server = try TestPostgres()
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

import FOTAHistory
import Foundation
import Testing

@Suite("--history: a path or a PostgreSQL URL")
struct HistoryLocationTests {
  static let environment = ["USER": "fleet", "HOME": "/nonexistent"]

  static func postgres(_ text: String, _ environment: [String: String] = environment) throws
    -> PostgreSQLLocation
  {
    guard case .postgreSQL(let location) = try HistoryLocation(text, environment: environment) else {
      Issue.record("\(text) is not a PostgreSQL location")
      throw CancellationError()
    }
    return location
  }

  @Test("a path stays SQLite, whatever it looks like")
  func paths() throws {
    for path in ["Reports/history.sqlite", "/var/lib/fota/history.sqlite", "postgresql.sqlite", "./a:b"] {
      #expect(try HistoryLocation(path, environment: Self.environment) == .sqlite(path: path))
    }
  }

  @Test(
    "a URL's parts, and TLS verified by default but to this machine",
    arguments: [
      (
        "postgresql://fota@db.example.com/fleet", "db.example.com", 5432, "fota", "fleet",
        PostgreSQLLocation.SSLMode.verifyFull
      ),
      (
        "postgres://fota@db.example.com:6543/fleet?sslmode=require", "db.example.com", 6543, "fota", "fleet",
        .require
      ),
      ("postgresql://fota@127.0.0.1:5433/fleet", "127.0.0.1", 5433, "fota", "fleet", .prefer),
      ("postgresql://fota@localhost/fleet?sslmode=disable", "localhost", 5432, "fota", "fleet", .disable),
      ("postgresql://fota@[::1]:5432/fleet", "::1", 5432, "fota", "fleet", .prefer),
      ("POSTGRESQL://db.example.com/", "db.example.com", 5432, "fleet", "fleet", .verifyFull),
    ])
  func urls(
    text: String, host: String, port: Int, user: String, database: String, mode: PostgreSQLLocation.SSLMode
  )
    throws
  {
    let location = try Self.postgres(text)
    #expect(location.endpoint == .tcp(host: host, port: port))
    #expect(location.user == user)
    #expect(location.database == database)
    #expect(location.sslMode == mode)
    #expect(location.password == nil)
  }

  @Test("a Unix socket folder is this machine: TLS preferred, not required")
  func socket() throws {
    let location = try Self.postgres("postgresql://fota@/fleet?host=/run/postgresql")
    #expect(location.endpoint == .socket(directory: "/run/postgresql", port: 5432))
    #expect(location.sslMode == .prefer)
    #expect(location.description == "postgresql://fota@:5432/fleet?host=/run/postgresql&sslmode=prefer")
  }

  @Test(
    "bad URLs are refused in one line naming the problem",
    arguments: [
      ("postgresql://fota:hunter2@db.example.com/fleet", "holds a password"),
      ("postgresql://fota@db.example.com/fleet?sslmode=verify-ca", "sslmode=verify-ca is not one of"),
      ("postgresql://fota@db.example.com/fleet?sslmode=disable", "clear text to db.example.com"),
      ("postgresql://fota@10.0.0.5/fleet?sslmode=prefer", "clear text to 10.0.0.5"),
      ("postgresql://fota@db.example.com/fleet?application_name=x", "unknown URL parameter application_name"),
      ("postgresql://fota@/fleet", "names no host"),
      ("postgresql://fota@db.example.com:0/fleet", "port 0"),
      ("mysql://fota@db.example.com/fleet", "not mysql://"),
    ])
  func refused(text: String, says: String) {
    #expect {
      _ = try HistoryLocation(text, environment: Self.environment)
    } throws: { error in
      let line = (error as? HistoryLocationError)?.errorDescription ?? ""
      return line.contains(says) && !line.contains("hunter2") && !line.contains("\n")
    }
  }

  @Test("the password comes from PGPASSWORD, else the first matching .pgpass line; never shown")
  func passwords() throws {
    var environment = Self.environment
    environment["PGPASSWORD"] = "from-the-environment"
    let direct = try Self.postgres("postgresql://fota@db.example.com/fleet", environment)
    #expect(direct.password == "from-the-environment")
    #expect(!direct.description.contains("from-the-environment"))
    #expect(!"\(HistoryLocation.postgreSQL(direct))".contains("from-the-environment"))

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("pgpass")
    try """
    # comment
    other.example.com:5432:fleet:fota:not-this
    db.example.com:5432:fleet:nobody:nor-this
    db.example.com:*:fleet:fota:with\\:colon
    *:*:*:*:fallback
    """.write(to: file, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    let fromFile = ["USER": "fleet", "PGPASSFILE": file.path]
    #expect(
      try Self.postgres("postgresql://fota@db.example.com:6000/fleet", fromFile).password == "with:colon")
    #expect(try Self.postgres("postgresql://fota@/fleet?host=/tmp", fromFile).password == "fallback")
    // A file others may read is ignored, as libpq ignores it.
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
    #expect(try Self.postgres("postgresql://fota@db.example.com/fleet", fromFile).password == nil)
  }

  @Test("the schema is a plain name", arguments: ["fota", "Fleet_2", "_history"])
  func schemas(name: String) throws {
    var location = try Self.postgres("postgresql://fota@localhost/fleet")
    try location.use(schema: name)
    #expect(location.schema == name.lowercased())
  }

  @Test(
    "a schema that is not a plain name is refused", arguments: ["", "2fleet", "fota; drop", "fo\"ta", "ünï"])
  func badSchemas(name: String) throws {
    var location = try Self.postgres("postgresql://fota@localhost/fleet")
    #expect(throws: HistoryLocationError.badSchema(name)) { try location.use(schema: name) }
  }
}

import FOTAHistory
import Foundation

/// A PostgreSQL 15 server of the test's own (Debian's `postgresql`, installed by
/// `.ci/bootstrap --tests`): `initdb` into a temporary folder, `pg_ctl` listening on a free
/// loopback port and on a Unix socket in that folder, password logins (SCRAM) for one superuser,
/// stopped at the end. As root, the server runs as the `postgres` system user, which PostgreSQL
/// requires.
public final class TestPostgres: Sendable {
  /// The superuser the tests log in as, and its password.
  public static let user = "fota"
  public static let password = "test-password-not-a-secret"

  /// The cluster's folder; the Unix socket is in it.
  public let folder: URL
  /// The loopback port the server listens on.
  public let port: Int

  /// `postgresql://fota@127.0.0.1:PORT/DATABASE`.
  public func url(database: String = "postgres") -> String {
    "postgresql://\(Self.user)@127.0.0.1:\(port)/\(database)"
  }

  /// The environment a run needs to log in: the password.
  public static var environment: [String: String] { ["PGPASSWORD": password] }

  /// Where Debian puts PostgreSQL's programs.
  static var binaries: URL? {
    let root = URL(fileURLWithPath: "/usr/lib/postgresql")
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    return versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.lazy
      .map { root.appendingPathComponent($0).appendingPathComponent("bin") }
      .first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("initdb").path) }
  }

  /// Starts a server on a thread of its own (`initdb` and `pg_ctl` take seconds, and the tests'
  /// in-process servers need every thread of the shared pool meanwhile); `stop()` it when done.
  public static func start() async throws -> TestPostgres {
    try await OffPool.run { try TestPostgres() }
  }

  /// One server for the whole test process, started on first use and stopped when the process
  /// exits; each test keeps its history in a schema of its own (``location(schema:)``).
  public static func shared() async throws -> TestPostgres {
    try await sharedServer.value
  }

  private static let sharedServer = Task<TestPostgres, any Error> {
    let server = try await start()
    SharedStop.server = server
    atexit { SharedStop.server?.stop() }
    return server
  }

  private enum SharedStop {
    nonisolated(unsafe) static var server: TestPostgres?
  }

  /// A schema name no other test uses.
  public static func uniqueSchema(_ prefix: String = "t") -> String {
    "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
  }

  /// A PostgreSQL history in `schema` of this server, with the password as a run is given it.
  public func location(schema: String, database: String = "postgres") throws -> HistoryLocation {
    guard
      case .postgreSQL(var location) = try HistoryLocation(
        url(database: database), environment: Self.environment)
    else { throw ServerError.notInstalled }
    try location.use(schema: schema)
    return .postgreSQL(location)
  }

  private init() throws {
    guard let binaries = Self.binaries else { throw ServerError.notInstalled }
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "fota-pg-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let passwordFile = folder.appendingPathComponent("password")
    try Self.password.write(to: passwordFile, atomically: true, encoding: .utf8)
    if getuid() == 0 { try Self.run("/bin/chown", ["-R", "postgres:postgres", folder.path]) }
    let data = folder.appendingPathComponent("data").path
    try Self.run(
      binaries.appendingPathComponent("initdb").path,
      [
        "-D", data, "-U", Self.user, "--pwfile", passwordFile.path, "--auth", "scram-sha-256", "-E", "UTF8",
        "--locale", "C", "--no-sync",
      ])
    port = try Self.freePort()
    try Self.run(
      binaries.appendingPathComponent("pg_ctl").path,
      [
        "-D", data, "-l", folder.appendingPathComponent("server.log").path, "-w", "-t", "60", "-o",
        "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40",
        "start",
      ])
  }

  /// Stops the server at once (`pg_ctl -m immediate`, well under a second) and removes its folder.
  public func stop() {
    if let binaries = Self.binaries {
      try? Self.run(
        binaries.appendingPathComponent("pg_ctl").path,
        ["-D", folder.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"])
    }
    try? FileManager.default.removeItem(at: folder)
  }

  /// Runs `program` (as `postgres` when this process is root), failing with its output. Spawned
  /// and waited for directly: the server `pg_ctl` starts keeps the descriptors it inherits, and
  /// its output goes through a file, never a pipe.
  static func run(_ program: String, _ arguments: [String]) throws {
    let command =
      getuid() == 0 && !program.hasPrefix("/bin/")
      ? ["/usr/sbin/runuser", "-u", "postgres", "--", program] + arguments : [program] + arguments
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
      "fota-pg-\(UUID().uuidString).out"
    ).path
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    // The server lives until the tests end: it must not hold the test process's other
    // descriptors, such as the write end of a helper's standard input, which would then never
    // see the end of it and never exit.
    Self.closeOthers(&actions)
    let argv = command.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
    guard spawned == 0 else {
      throw ServerError.failed(command: command.joined(separator: " "), output: "cannot start")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    guard status == 0 else {
      let printed = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
      throw ServerError.failed(command: command.joined(separator: " "), output: printed)
    }
  }

  /// Adds "close every descriptor from 3 up" to `actions` (glibc's
  /// `posix_spawn_file_actions_addclosefrom_np`, looked up at run time: Swift's Glibc module does
  /// not declare it).
  private static func closeOthers(_ actions: inout posix_spawn_file_actions_t) {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    guard
      let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
    else { return }
    _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
  }

  /// A loopback port nothing listens on now.
  public static func freePort() throws -> Int {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw ServerError.noPort }
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
      }
    }
    guard bound else { throw ServerError.noPort }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Why the server could not be had.
  public enum ServerError: Error, CustomStringConvertible {
    case notInstalled
    case noPort
    case failed(command: String, output: String)

    public var description: String {
      switch self {
      case .notInstalled: "PostgreSQL is not installed: run .ci/bootstrap --tests"
      case .noPort: "no free loopback port"
      case .failed(let command, let output): "\(command) failed: \(output)"
      }
    }
  }
}

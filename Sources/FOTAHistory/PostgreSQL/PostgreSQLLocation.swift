import FOTAModel
import Foundation

/// A PostgreSQL history: the server, the database, the role, how TLS is used, and the password
/// found for them (from `PGPASSWORD` or a `.pgpass`-format file; never from the URL, never shown).
public struct PostgreSQLLocation: Sendable, Equatable, CustomStringConvertible {
  /// How the connection uses TLS, as libpq's `sslmode` says.
  public enum SSLMode: String, Sendable, CaseIterable {
    /// Never TLS.
    case disable
    /// TLS when the server offers it, else clear text.
    case prefer
    /// TLS, without checking the server's certificate.
    case require
    /// TLS, the certificate checked against the trusted roots (or `sslrootcert`) and the host name.
    case verifyFull = "verify-full"
  }

  /// Where the server listens.
  public enum Endpoint: Sendable, Equatable {
    case tcp(host: String, port: Int)
    /// A Unix socket in `directory`, named for `port` as PostgreSQL names it (`.s.PGSQL.5432`).
    case socket(directory: String, port: Int)
  }

  public var endpoint: Endpoint
  public var user: String
  public var database: String
  public var sslMode: SSLMode
  /// A PEM file of the certificates to trust instead of the system's (a private CA).
  public var sslRootCertificate: String?
  /// From `PGPASSWORD` or the first matching `.pgpass` line; `nil` when neither has one.
  public var password: String?
  /// The schema the history's tables and views live in (`--history-schema`).
  public private(set) var schema = "fota"

  /// Keeps the history in `name` instead of `fota`: a plain identifier, so it is never quoted.
  public mutating func use(schema name: String) throws(HistoryLocationError) {
    let bytes = Array(name.utf8)
    guard let first = bytes.first,
      first == UInt8(ascii: "_") || (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A,
      bytes.count <= 63,
      bytes.allSatisfy({
        $0 == UInt8(ascii: "_") || ($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A)
      })
    else { throw .badSchema(name) }
    schema = name.lowercased()
  }

  /// Reads a `postgresql://USER@HOST:PORT/DATABASE?sslmode=…&sslrootcert=…&host=/socket/dir` URL.
  /// The default `sslmode` is `verify-full`, but `prefer` for a Unix socket or a loopback address;
  /// clear text (`disable`, `prefer`) is refused for any other host.
  public init(url text: String, environment: [String: String]) throws(HistoryLocationError) {
    guard let components = URLComponents(string: text) else {
      throw .malformedURL("it does not parse as a URL")
    }
    if components.password != nil { throw .passwordInURL }
    var parameters: [String: String] = [:]
    for item in components.queryItems ?? [] {
      guard ["sslmode", "sslrootcert", "host"].contains(item.name) else { throw .unknownParameter(item.name) }
      parameters[item.name] = item.value ?? ""
    }
    let port: Int
    if let given = components.port {
      guard (1...65_535).contains(given) else { throw .badPort(String(given)) }
      port = given
    } else {
      port = 5432
    }
    let host = components.host.map { $0.removingPercentEncoding ?? $0 } ?? ""
    if let directory = parameters["host"], directory.hasPrefix("/") {
      endpoint = .socket(directory: directory, port: port)
    } else if !host.isEmpty {
      endpoint = .tcp(host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host, port: port)
    } else if let named = parameters["host"], !named.isEmpty {
      endpoint = .tcp(host: named, port: port)
    } else {
      throw .malformedURL("it names no host")
    }
    user =
      components.user.map { $0.removingPercentEncoding ?? $0 }
      ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
    let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
    database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
    guard !database.contains("/") else { throw .malformedURL("the database name holds a /") }
    let local: Bool
    switch endpoint {
    case .socket: local = true
    case .tcp(let host, _): local = LoopbackHost.contains(host)
    }
    if let mode = parameters["sslmode"] {
      guard let known = SSLMode(rawValue: mode) else { throw .badSSLMode(mode) }
      sslMode = known
    } else {
      sslMode = local ? .prefer : .verifyFull
    }
    if !local, sslMode == .disable || sslMode == .prefer, case .tcp(let host, _) = endpoint {
      throw .cleartextToRemoteHost(host: host, mode: sslMode.rawValue)
    }
    sslRootCertificate = parameters["sslrootcert"].flatMap { $0.isEmpty ? nil : $0 }
    password =
      environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
      ?? PassFile.password(for: self, environment: environment)
  }

  /// The URL without any password: what logs and messages show.
  public var description: String {
    let who = user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? user
    let database =
      self.database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? self.database
    switch endpoint {
    case .tcp(let host, let port):
      let shown = host.contains(":") ? "[\(host)]" : host
      return "postgresql://\(who)@\(shown):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
    case .socket(let directory, let port):
      return "postgresql://\(who)@:\(port)/\(database)?host=\(directory)&sslmode=\(sslMode.rawValue)"
    }
  }

  /// The host name `.pgpass` lines are matched against: the TCP host, or `localhost` for a socket.
  var passFileHost: String {
    switch endpoint {
    case .tcp(let host, _): host
    case .socket: "localhost"
    }
  }

  var port: Int {
    switch endpoint {
    case .tcp(_, let port), .socket(_, let port): port
    }
  }
}

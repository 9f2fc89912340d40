import FOTAModel
import Foundation

/// Where the history is kept, as `--history` names it: a path is an SQLite file; a
/// `postgresql://` (or `postgres://`) URL is a shared PostgreSQL database.
public enum HistoryLocation: Sendable, Equatable, CustomStringConvertible {
  case sqlite(path: String)
  case postgreSQL(PostgreSQLLocation)

  /// Reads `--history`. `environment` supplies `PGPASSWORD`, `PGPASSFILE`, `PGUSER` and `HOME`;
  /// the password never comes from the URL.
  public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(HistoryLocationError)
  {
    let lowered = text.lowercased()
    if lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://") {
      self = .postgreSQL(try PostgreSQLLocation(url: text, environment: environment))
    } else if let scheme = Self.scheme(of: text) {
      throw .unsupportedScheme(scheme)
    } else {
      self = .sqlite(path: text)
    }
  }

  /// The location as logs and messages show it: a path, or the URL without any password.
  public var description: String {
    switch self {
    case .sqlite(let path): path
    case .postgreSQL(let location): location.description
    }
  }

  /// The scheme of a URL-looking text (`mysql` of `mysql://…`); `nil` for a path.
  private static func scheme(of text: String) -> String? {
    guard let range = text.range(of: "://") else { return nil }
    let scheme = text[..<range.lowerBound]
    guard let first = scheme.first, first.isLetter,
      scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) })
    else { return nil }
    return String(scheme)
  }
}

/// Why `--history` names no usable store: said in one line, before anything starts (exit 64).
public enum HistoryLocationError: Error, Equatable, LocalizedError {
  case unsupportedScheme(String)
  case malformedURL(String)
  case passwordInURL
  case unknownParameter(String)
  case badSSLMode(String)
  case cleartextToRemoteHost(host: String, mode: String)
  case badPort(String)
  case badSchema(String)

  public var errorDescription: String? {
    switch self {
    case .unsupportedScheme(let scheme):
      "--history takes a path (SQLite) or a postgresql:// URL, not \(scheme)://"
    case .malformedURL(let reason):
      "--history: not a PostgreSQL URL (\(reason)); write postgresql://USER@HOST:PORT/DATABASE"
    case .passwordInURL:
      "--history: the URL holds a password; give it in PGPASSWORD or a .pgpass file instead "
        + "(a command line is visible to every user of the host)"
    case .unknownParameter(let name):
      "--history: unknown URL parameter \(name) (known: sslmode, sslrootcert, host)"
    case .badSSLMode(let mode):
      "--history: sslmode=\(mode) is not one of disable, prefer, require, verify-full"
    case .cleartextToRemoteHost(let host, let mode):
      "--history: sslmode=\(mode) could send the history in clear text to \(host); "
        + "only this machine may be reached without TLS (use require or verify-full)"
    case .badPort(let port):
      "--history: the port \(port) is not a number from 1 to 65535"
    case .badSchema(let schema):
      "--history-schema: \(schema) is not a plain name (letters, digits and _, starting with a letter or _)"
    }
  }
}

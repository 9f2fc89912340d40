import FOTAModel
import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// Opens connections to a PostgreSQL history as its location says: TLS as `sslmode` asks (the
/// certificate and host name checked with `verify-full`, against `sslrootcert` when given), the
/// password from the location, every attempt bounded by `timeout`. Each failure is one line naming
/// the server without its password: a wrong password, a server that cannot be reached, TLS
/// refused, a certificate that does not verify.
public struct PostgreSQLConnector: Sendable {
  public let location: PostgreSQLLocation
  /// How long connecting and logging in may take.
  public let timeout: Duration

  public init(location: PostgreSQLLocation, timeout: Duration = .seconds(10)) {
    self.location = location
    self.timeout = timeout
  }

  /// A connection, logged in; close it when done. `applicationName` is how the server's
  /// `pg_stat_activity` shows it.
  public func connect(applicationName: String = "fota-report", logger: Logger) async throws(HistoryError)
    -> PostgresConnection
  {
    let connecting = try connecting(applicationName: applicationName, logger: logger)
    do {
      return try await connecting.get()
    } catch {
      throw failure(error)
    }
  }

  /// A connection, logged in, waited for on the calling thread (never an event-loop thread):
  /// for the history store, whose API is synchronous like SQLite's.
  func connectWaiting(applicationName: String, logger: Logger) throws(HistoryError) -> PostgresConnection {
    let connecting = try connecting(applicationName: applicationName, logger: logger)
    do {
      return try connecting.wait()
    } catch {
      throw failure(error)
    }
  }

  /// Connecting and logging in, failed with ``TimedOut`` when it takes longer than ``timeout``.
  private func connecting(applicationName: String, logger: Logger) throws(HistoryError)
    -> EventLoopFuture<PostgresConnection>
  {
    var configuration: PostgresConnection.Configuration
    do {
      configuration = try self.configuration()
      configuration.options.additionalStartupParameters = [("application_name", applicationName)]
    } catch {
      throw .failed(path: location.description, reason: "cannot set up TLS: \(Self.describe(error))")
    }
    let loop = PostgresConnection.defaultEventLoopGroup.any()
    let promise = loop.makePromise(of: PostgresConnection.self)
    let connecting = PostgresConnection.connect(on: loop, configuration: configuration, id: 1, logger: logger)
    // Only the first of the two completes the promise.
    let settled = FirstOnly()
    connecting.whenComplete { result in
      if settled.first() {
        promise.completeWith(result)
      } else if case .success(let connection) = result {
        // It arrived after its deadline: nobody's, so closed.
        let closing: EventLoopFuture<Void> = connection.close()
        _ = closing
      }
    }
    let timer = loop.scheduleTask(in: .seconds(max(1, timeout.components.seconds))) {
      if settled.first() { promise.fail(TimedOut()) }
    }
    promise.futureResult.whenComplete { _ in timer.cancel() }
    return promise.futureResult
  }

  private struct TimedOut: Error {}

  /// A failure to connect as one line naming the server.
  private func failure(_ error: any Error) -> HistoryError {
    if error is TimedOut {
      return .failed(
        path: location.description,
        reason: "no answer within \(Int(timeout.components.seconds)) s (connect and log in)")
    }
    return .failed(path: location.description, reason: Self.describe(error))
  }

  /// The client's configuration for the location.
  func configuration() throws -> PostgresConnection.Configuration {
    var configuration: PostgresConnection.Configuration
    switch location.endpoint {
    case .socket(let directory, let port):
      configuration = PostgresConnection.Configuration(
        unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: location.user, password: location.password,
        database: location.database)
    case .tcp(let host, let port):
      let tls: PostgresConnection.Configuration.TLS
      switch location.sslMode {
      case .disable: tls = .disable
      case .prefer: tls = .prefer(try NIOSSLContext(configuration: Self.unverified))
      case .require: tls = .require(try NIOSSLContext(configuration: Self.unverified))
      case .verifyFull:
        var verified = TLSConfiguration.makeClientConfiguration()
        verified.certificateVerification = .fullVerification
        if let roots = location.sslRootCertificate { verified.trustRoots = .file(roots) }
        tls = .require(try NIOSSLContext(configuration: verified))
      }
      configuration = PostgresConnection.Configuration(
        host: host, port: port, username: location.user, password: location.password,
        database: location.database, tls: tls)
      configuration.options.tlsServerName =
        location.sslMode == .verifyFull && !Self.isAddress(host) ? host : nil
    }
    configuration.options.connectTimeout = .seconds(Int64(max(1, timeout.components.seconds)))
    return configuration
  }

  /// TLS without checking the certificate (`prefer`, `require`), as libpq does.
  private static var unverified: TLSConfiguration {
    var configuration = TLSConfiguration.makeClientConfiguration()
    configuration.certificateVerification = .none
    return configuration
  }

  /// Whether `host` is written as an IP address (no server name to send or check by name).
  private static func isAddress(_ host: String) -> Bool {
    host.contains(":")
      || host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil }
  }

  /// One line for what went wrong, in the words of the server when it gave some.
  static func describe(_ error: any Error) -> String {
    if let error = error as? PSQLError {
      if let message = error.serverInfo?[.message] {
        let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
        return MessageText.oneLine(message + state)
      }
      switch error.code {
      case .sslUnsupported: return "the server does not offer TLS, which sslmode asks for"
      case .authMechanismRequiresPassword:
        return "the server asks for a password: set PGPASSWORD or add a .pgpass line"
      case .connectionError, .serverClosedConnection, .uncleanShutdown:
        if let underlying = error.underlying { return describe(underlying) }
        return "the connection failed (\(error.code))"
      default:
        if let underlying = error.underlying { return describe(underlying) }
        return "\(error.code)"
      }
    }
    if let error = error as? NIOSSLError {
      return "TLS failed: \(MessageText.oneLine(String(describing: error)))"
    }
    if let error = error as? NIOConnectionError {
      let reasons = error.connectionErrors.map { MessageText.oneLine(String(describing: $0.error)) }
      return "cannot reach the server: "
        + (reasons.first ?? (error.dnsAAAAError ?? error.dnsAError).map {
          MessageText.oneLine(String(describing: $0))
        } ?? "no address")
    }
    if let error = error as? IOError {
      return "cannot reach the server: \(MessageText.oneLine(error.description))"
    }
    return ErrorText.describe(error)
  }
}

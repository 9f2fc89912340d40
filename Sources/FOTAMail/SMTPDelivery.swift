import FOTAModel
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// Sends the message over SMTP (`smtp://HOST:PORT`, upgraded with STARTTLS when offered) or SMTPS
/// (`smtps://HOST:PORT`), with AUTH PLAIN when a user name and password are given.
///
/// Every reply is awaited at most ``readTimeout``; the password is sent only over TLS or to this
/// machine; with `requireTLS` a relay that offers no STARTTLS is refused before anything is sent.
public struct SMTPDelivery: MailDelivery {
  public let host: String
  public let port: Int
  public let implicitTLS: Bool
  /// Refuse a relay that offers no STARTTLS.
  public let requireTLS: Bool
  /// How long the whole conversation may take, from connecting to the last reply.
  public let timeout: Duration
  /// How long each reply of the server may take: half the timeout, at most 30 s.
  public var readTimeout: Duration { min(timeout / 2, .seconds(30)) }
  private let username: String?
  private let password: String?
  /// A PEM file of certificate authorities to trust instead of the system's (a private relay).
  private let trustedCAFile: String?

  /// Parses the server URL; credentials come from the caller (the environment), never the URL.
  public init(
    url: String, username: String?, password: String?, trustedCAFile: String? = nil, requireTLS: Bool = false,
    timeout: Duration = .seconds(60)
  ) throws(MailError) {
    guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
      scheme == "smtp" || scheme == "smtps", let host = components.host, !host.isEmpty,
      components.user == nil, components.password == nil
    else { throw .smtpFailed(server: "the --smtp-url", detail: "give smtp://HOST:PORT or smtps://HOST:PORT") }
    self.host = host
    self.implicitTLS = scheme == "smtps"
    self.port = components.port ?? (scheme == "smtps" ? 465 : 25)
    self.username = username
    self.password = password
    self.trustedCAFile = trustedCAFile
    self.requireTLS = requireTLS
    self.timeout = timeout
  }

  public var label: String { "\(implicitTLS ? "smtps" : "smtp")://\(host):\(port)" }

  public func deliver(_ message: String, from: MailAddress, to: [MailAddress]) async throws(MailError) {
    let conversation = ConversationHolder()
    let outcome = await TimeLimit.run(within: timeout) { () async -> Result<Void, any Error> in
      await withTaskCancellationHandler {
        do {
          try await send(message, from: from, to: to, holder: conversation)
          return .success(())
        } catch {
          return .failure(error)
        }
      } onCancel: {
        // Ends a reply awaited or a write the server does not read.
        conversation.close()
      }
    }
    guard let outcome else {
      throw .smtpFailed(server: label, detail: "timed out after \(timeout.spoken); the summary was not sent")
    }
    do {
      try outcome.get()
    } catch MailError.smtpFailed(_, let detail) {
      throw .smtpFailed(server: label, detail: detail)
    } catch let error as MailError {
      throw error
    } catch {
      throw .smtpFailed(server: label, detail: String(ErrorText.describe(error).prefix(200)))
    }
  }

  private func send(_ message: String, from: MailAddress, to: [MailAddress], holder: ConversationHolder)
    async throws
  {
    var configuration = TLSConfiguration.makeClientConfiguration()
    if let trustedCAFile { configuration.trustRoots = .file(trustedCAFile) }
    let tls = try NIOSSLContext(configuration: configuration)
    let connection = try await SMTPConnection.open(
      host: host, port: port, tls: implicitTLS ? tls : nil, serverName: serverName, readTimeout: readTimeout,
      connectTimeout: min(timeout, .seconds(15)))
    holder.hold(connection)
    defer { connection.close() }
    try await connection.expect([220])
    var capabilities = try await connection.command("EHLO \(Self.clientName)", expect: [250])
    if !implicitTLS, capabilities.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) {
      _ = try await connection.command("STARTTLS", expect: [220])
      try await connection.startTLS(context: tls, serverName: serverName)
      capabilities = try await connection.command("EHLO \(Self.clientName)", expect: [250])
    }
    if requireTLS && !connection.isEncrypted {
      throw MailError.smtpFailed(
        server: label, detail: "the relay offers no STARTTLS and --smtp-require-tls is set; nothing was sent")
    }
    if let username, let password {
      guard Self.mayAuthenticate(encrypted: connection.isEncrypted, host: host) else {
        throw MailError.smtpFailed(server: label, detail: "refusing to send the password without TLS")
      }
      guard
        capabilities.contains(where: {
          $0.uppercased().hasPrefix("AUTH") && $0.uppercased().contains("PLAIN")
        })
      else { throw MailError.smtpFailed(server: label, detail: "the server offers no AUTH PLAIN") }
      let token = Data("\u{0}\(username)\u{0}\(password)".utf8).base64EncodedString()
      _ = try await connection.command("AUTH PLAIN \(token)", expect: [235], echo: "AUTH PLAIN [redacted]")
    }
    _ = try await connection.command("MAIL FROM:<\(from.address)>", expect: [250])
    for recipient in to {
      _ = try await connection.command("RCPT TO:<\(recipient.address)>", expect: [250, 251])
    }
    _ = try await connection.command("DATA", expect: [354])
    var body = message.replacingOccurrences(of: "\r\n.", with: "\r\n..")
    if body.hasPrefix(".") { body = "." + body }
    if !body.hasSuffix("\r\n") { body += "\r\n" }
    try await connection.write(body + ".\r\n")
    try await connection.expect([250])
    _ = try? await connection.command("QUIT", expect: [221])
  }

  private var serverName: String? { Self.isIPAddress(host) ? nil : host }

  static let clientName = "fota-report.localdomain"

  /// AUTH goes over TLS, or in clear text to this machine only.
  public static func mayAuthenticate(encrypted: Bool, host: String) -> Bool {
    encrypted || LoopbackHost.contains(host)
  }

  static func isIPAddress(_ host: String) -> Bool {
    host.allSatisfy { $0.isNumber || $0 == "." } || host.contains(":")
  }
}

/// The SMTP connection of a conversation under way, closed from outside when its time is up.
private final class ConversationHolder: Sendable {
  private let connection = Mutex<(held: SMTPConnection?, closed: Bool)>((nil, false))

  func hold(_ held: SMTPConnection) {
    let closed = connection.withLock {
      $0.held = held
      return $0.closed
    }
    if closed { held.close() }
  }

  func close() {
    connection.withLock {
      $0.closed = true
      return $0.held
    }?.close()
  }
}

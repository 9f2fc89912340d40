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
  /// How long each reply of the server may take.
  public let readTimeout: Duration
  private let username: String?
  private let password: String?
  /// A PEM file of certificate authorities to trust instead of the system's (a private relay).
  private let trustedCAFile: String?

  /// Parses the server URL; credentials come from the caller (the environment), never the URL.
  public init(
    url: String, username: String?, password: String?, trustedCAFile: String? = nil, requireTLS: Bool = false,
    readTimeout: Duration = .seconds(60)
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
    self.readTimeout = readTimeout
  }

  public var label: String { "\(implicitTLS ? "smtps" : "smtp")://\(host):\(port)" }

  public func deliver(_ message: String, from: MailAddress, to: [MailAddress]) async throws(MailError) {
    do {
      try await send(message, from: from, to: to)
    } catch MailError.smtpFailed(_, let detail) {
      throw .smtpFailed(server: label, detail: detail)
    } catch let error as MailError {
      throw error
    } catch {
      throw .smtpFailed(server: label, detail: String(describing: error).prefix(200).description)
    }
  }

  private func send(_ message: String, from: MailAddress, to: [MailAddress]) async throws {
    var configuration = TLSConfiguration.makeClientConfiguration()
    if let trustedCAFile { configuration.trustRoots = .file(trustedCAFile) }
    let tls = try NIOSSLContext(configuration: configuration)
    let connection = try await SMTPConnection.open(
      host: host, port: port, tls: implicitTLS ? tls : nil, serverName: serverName, readTimeout: readTimeout)
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

/// One SMTP conversation: lines in through an async stream, commands out.
final class SMTPConnection {
  private let channel: any Channel
  private var lines: AsyncStream<String>.Iterator
  private(set) var isEncrypted: Bool
  private let readTimeout: Duration
  private let timedOut = TimeoutFlag()

  private init(channel: any Channel, lines: AsyncStream<String>, encrypted: Bool, readTimeout: Duration) {
    self.channel = channel
    self.lines = lines.makeAsyncIterator()
    self.isEncrypted = encrypted
    self.readTimeout = readTimeout
  }

  static func open(host: String, port: Int, tls: NIOSSLContext?, serverName: String?, readTimeout: Duration)
    async throws -> SMTPConnection
  {
    let (stream, continuation) = AsyncStream.makeStream(of: String.self)
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .connectTimeout(.seconds(15))
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          if let tls {
            try channel.pipeline.syncOperations.addHandler(
              NIOSSLClientHandler(context: tls, serverHostname: serverName))
          }
          try channel.pipeline.syncOperations.addHandler(SMTPLineHandler(continuation: continuation))
        }
      }
      .connect(host: host, port: port).get()
    return SMTPConnection(channel: channel, lines: stream, encrypted: tls != nil, readTimeout: readTimeout)
  }

  /// Reads one reply (all its lines) and checks its code; a server silent for longer than the
  /// read timeout is disconnected.
  @discardableResult
  func expect(_ codes: Set<Int>, after command: String = "the greeting") async throws -> [String] {
    let channel = self.channel
    let flag = timedOut
    let timer = channel.eventLoop.scheduleTask(in: .milliseconds(readTimeout.milliseconds)) {
      flag.raise()
      channel.close(promise: nil)
    }
    defer { timer.cancel() }
    var texts: [String] = []
    while true {
      guard let line = await lines.next() else {
        if timedOut.isRaised {
          throw MailError.smtpFailed(
            server: "the server",
            detail: "it did not answer \(command) within \(readTimeout.milliseconds / 1000) seconds")
        }
        throw MailError.smtpFailed(server: "the server", detail: "it closed the connection after \(command)")
      }
      guard line.count >= 3, let code = Int(line.prefix(3)) else { continue }
      texts.append(String(line.dropFirst(4)))
      let last = line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " "
      if last {
        guard codes.contains(code) else {
          throw MailError.smtpFailed(
            server: "the server",
            detail: "it answered \(command) with \(code) \(texts.joined(separator: " "))")
        }
        return texts
      }
    }
  }

  /// Sends a command line and reads its reply.
  func command(_ line: String, expect codes: Set<Int>, echo: String? = nil) async throws -> [String] {
    try await write(line + "\r\n")
    return try await expect(codes, after: echo ?? line.split(separator: " ").first.map(String.init) ?? line)
  }

  func write(_ text: String) async throws {
    try await channel.writeAndFlush(ByteBuffer(string: text)).get()
  }

  /// Puts TLS under the conversation after the server's 220 to STARTTLS.
  func startTLS(context: NIOSSLContext, serverName: String?) async throws {
    let channel = self.channel
    try await channel.eventLoop.submit {
      try channel.pipeline.syncOperations.addHandler(
        NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first)
    }.get()
    isEncrypted = true
  }

  func close() {
    channel.close(promise: nil)
  }
}

/// Set when a reply took longer than the read timeout, before the connection is closed.
final class TimeoutFlag: Sendable {
  private let raised = Mutex(false)

  func raise() { raised.withLock { $0 = true } }
  var isRaised: Bool { raised.withLock { $0 } }
}

/// Splits the server's bytes into CRLF-terminated lines.
final class SMTPLineHandler: ChannelInboundHandler {
  typealias InboundIn = ByteBuffer

  private let continuation: AsyncStream<String>.Continuation
  private var pending = ""

  init(continuation: AsyncStream<String>.Continuation) {
    self.continuation = continuation
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    var buffer = unwrapInboundIn(data)
    pending += buffer.readString(length: buffer.readableBytes) ?? ""
    while let end = pending.range(of: "\r\n") {
      continuation.yield(String(pending[..<end.lowerBound]))
      pending = String(pending[end.upperBound...])
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    continuation.finish()
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    continuation.finish()
    context.close(promise: nil)
  }
}

import FOTAModel
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP conversation: lines in through an async stream, commands out.
///
/// One task holds the conversation; only ``close()`` (a thread-safe channel close) is called from
/// another, when the conversation's time is up.
final class SMTPConnection: @unchecked Sendable {
  private let channel: any Channel
  private var lines: AsyncStream<String>.Iterator
  private(set) var isEncrypted: Bool
  private let readTimeout: Duration
  private let timedOut = SMTPTimeoutFlag()

  private init(channel: any Channel, lines: AsyncStream<String>, encrypted: Bool, readTimeout: Duration) {
    self.channel = channel
    self.lines = lines.makeAsyncIterator()
    self.isEncrypted = encrypted
    self.readTimeout = readTimeout
  }

  static func open(
    host: String, port: Int, tls: NIOSSLContext?, serverName: String?, readTimeout: Duration,
    connectTimeout: Duration
  ) async throws -> SMTPConnection {
    let (stream, continuation) = AsyncStream.makeStream(of: String.self)
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .connectTimeout(.milliseconds(connectTimeout.milliseconds))
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
            detail: "it did not answer \(command) within \(readTimeout.spoken)")
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

  /// Writes `text`. A reply timer that fired just as its reply came closes the connection under
  /// the next write: that is the timeout, and is said as one.
  func write(_ text: String) async throws {
    do {
      try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    } catch {
      guard timedOut.isRaised else { throw error }
      throw MailError.smtpFailed(
        server: "the server", detail: "it did not answer within \(readTimeout.spoken)")
    }
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

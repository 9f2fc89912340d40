import Foundation
import NIOCore

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

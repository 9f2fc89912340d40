import Hummingbird

/// Writes a response body one byte at a time with a pause before each, until the body ends or the
/// client goes away (a write then fails, ending the answer).
struct TricklingWriter: ResponseBodyWriter {
  var inner: any ResponseBodyWriter
  let interval: Duration

  mutating func write(_ buffer: ByteBuffer) async throws {
    for byte in buffer.readableBytesView {
      try await Task.sleep(for: interval)
      try await inner.write(ByteBuffer(bytes: [byte]))
    }
  }

  consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
    try await inner.finish(trailingHeaders)
  }
}

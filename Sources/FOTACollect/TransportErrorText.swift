import AsyncHTTPClient
import FOTAModel
import NIOCore
import NIOPosix

/// What went wrong on the wire, in plain words: no type names, no framework's dump.
enum TransportErrorText {
  /// `error` from sending a request or reading its answer, under `policy`'s time limits.
  static func describe(_ error: any Error, policy: RetryPolicy) -> String {
    if let error = error as? HTTPClientError {
      switch error {
      case .deadlineExceeded: return timedOut(after: policy.timeout, headArrived: false)
      case .readTimeout: return "timed out after \(policy.readIdleTimeout.spoken) without receiving anything"
      case .connectTimeout: return "timed out connecting"
      case .remoteConnectionClosed: return "the server closed the connection"
      case .cancelled: return "cancelled"
      case .bodyLengthMismatch: return "the body is shorter than its Content-Length"
      default: return MessageText.words(ofCase: "\(error)")
      }
    }
    if let error = error as? NIOConnectionError {
      if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
        return "cannot resolve the host name \(error.host)"
      }
      if let first = error.connectionErrors.first?.error { return describe(first, policy: policy) }
      return "cannot connect to \(error.host) port \(error.port)"
    }
    if let error = error as? IOError { return MessageText.systemError(error.errnoCode) }
    if error is SocketAddressError { return "cannot resolve the host name" }
    let text = "\(error)"
    if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") {
      return "the server's TLS certificate did not verify"
    }
    if text.contains("handshake") || text.contains("SSL") { return "the TLS handshake failed" }
    return MessageText.withoutTypeNames(text)
  }

  /// An attempt cut off by its time limit, before or after the answer's head arrived.
  static func timedOut(after limit: Duration, headArrived: Bool) -> String {
    "timed out after \(limit.spoken) \(headArrived ? "reading the body" : "(no answer)")"
  }
}

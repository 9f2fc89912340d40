import Synchronization

/// Set when a reply took longer than the read timeout, before the connection is closed.
final class SMTPTimeoutFlag: Sendable {
  private let raised = Mutex(false)

  func raise() { raised.withLock { $0 = true } }
  var isRaised: Bool { raised.withLock { $0 } }
}

import Synchronization

/// The first failure of a night collected in ranges, which stops every range at its next page.
final class RangeStop: Sendable {
  private let error = Mutex<(any Error)?>(nil)

  /// The first failure, once there is one.
  var failure: (any Error)? { error.withLock { $0 } }

  /// Records `failure` unless an earlier one was.
  func fail(_ failure: any Error) {
    error.withLock { error in
      if error == nil { error = failure }
    }
  }

  /// Throws the first failure, once there is one.
  func check() throws {
    if let failure { throw failure }
  }
}

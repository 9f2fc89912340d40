import Synchronization

/// Which of several racing callbacks (an answer, its deadline) settles a promise: true for the
/// first caller of ``first()`` only.
final class FirstOnly: Sendable {
  private let done = Atomic(false)

  func first() -> Bool {
    done.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
  }
}

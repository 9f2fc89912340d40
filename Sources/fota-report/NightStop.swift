import FOTACollect
import FOTAModel
import Synchronization
import UnixSignals

/// Why a night was stopped before it ended (a signal, or `--deadline`), and how far it got.
///
/// The first stop wins; its exit code is 128 + the signal's number, or 1 for the deadline.
final class NightStop: Sendable {
  /// What stopped the night.
  enum Cause: Sendable, Equatable {
    case signal(UnixSignal)
    case deadline(Duration)
  }

  private let state = Mutex<(cause: Cause?, pages: Int)>((nil, 0))

  /// Records the pages collected so far.
  func progress(_ progress: CollectionProgress) {
    state.withLock { $0.pages = progress.pages }
  }

  /// Records why the night is stopping; a later cause is ignored.
  func request(_ cause: Cause) {
    state.withLock { if $0.cause == nil { $0.cause = cause } }
  }

  /// Why the night was stopped, if it was.
  var cause: Cause? { state.withLock { $0.cause } }

  /// The exit code of a stopped night: 128 + the signal's number, or 1 for the deadline.
  var exitCode: Int32 {
    switch cause {
    case .signal(let signal)?: 128 + signal.rawValue
    case .deadline?, nil: 1
    }
  }

  /// What a person reads: what stopped the night, how far it got, and what was kept.
  func message(published: Bool) -> String {
    let (cause, pages) = state.withLock { ($0.cause, $0.pages) }
    let what: String
    switch cause {
    case .signal(let signal)?: what = "stopped by \(signal)"
    case .deadline(let limit)?: what = "stopped: the night's deadline (--deadline \(limit.spoken)) passed"
    case nil: what = "stopped"
    }
    if published {
      return "\(what) after the report was published; the report and the history are kept"
    }
    return
      "\(what) after \(pages) page\(pages == 1 ? "" : "s"); nothing was published and the history is unchanged"
  }
}

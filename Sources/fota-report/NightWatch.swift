import FOTAJob
import Foundation
import UnixSignals

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a night (or a run of many accounts' nights) under watch: SIGTERM, SIGINT and SIGHUP, or
/// the deadline passing, cancel it, and each job stops cleanly (nothing published, a pending night
/// rolled back, its folders removed); a second signal ends the process at once.
enum NightWatch {
  /// The signals that stop a night.
  static let signals: [UnixSignal] = [.sigterm, .sigint, .sighup]

  private enum Event<Value: Sendable>: Sendable {
    case ended(Result<Value, any Error>)
    case stop(NightStop.Cause)
  }

  /// Runs `operation` until it ends or is stopped; `stop` says afterwards whether and why it was.
  static func run<Value: Sendable>(
    deadline: Duration?, stop: NightStop, _ operation: @escaping @Sendable () async throws -> Value
  ) async throws -> Value {
    // Trapped before the job starts, so that no signal finds the default action (death) first.
    let trapped = await UnixSignalsSequence(trapping: signals)
    let ended = await withTaskGroup(of: Event<Value>?.self) { group -> Result<Value, any Error> in
      group.addTask {
        do {
          return .ended(.success(try await operation()))
        } catch {
          return .ended(.failure(error))
        }
      }
      group.addTask {
        for await signal in trapped { return .stop(.signal(signal)) }
        return nil
      }
      if let deadline {
        group.addTask {
          do {
            try await Task.sleep(for: deadline)
            return .stop(.deadline(deadline))
          } catch {
            return nil
          }
        }
      }
      while let event = await group.next() {
        switch event {
        case .ended(let result)?:
          group.cancelAll()
          return result
        case .stop(let cause)?:
          stop.request(cause)
          // A second signal now takes the default action: the process ends at once.
          for signal in signals { Glibc.signal(signal.rawValue, SIG_DFL) }
          group.cancelAll()
        case nil:
          continue
        }
      }
      return .failure(CancellationError())
    }
    return try ended.get()
  }
}

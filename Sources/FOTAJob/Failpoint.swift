import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The step boundaries of a run where the kill and signal tests stop it: with
/// `FOTA_KILL_AT=NAME` in the environment the process sends itself SIGKILL on reaching that
/// boundary, exactly as a power cut or `kill -9` would; with `FOTA_SIGNAL_AT=NAME` it sends itself
/// `FOTA_SIGNAL` (TERM, INT or HUP; TERM when not set), as systemd's stop or `timeout` would, and
/// waits (at most 5 s) for the stop to reach the job, so the tests can check what each leaves;
/// with `FOTA_DROP_HISTORY_AT=NAME` a shared history's connection is closed there.
enum Failpoint: String {
  /// Collecting: after the first page.
  case collecting
  /// Recording the night: everything written in its transaction, not yet committed.
  case committing
  /// The night is recorded in the history (pending), the report not yet swapped in.
  case recorded
  /// The report is swapped in, the night not yet marked published.
  case swapped
  /// The night is marked published; saved pages not yet moved, nothing delivered.
  case published

  /// The environment variable that names the failpoint to die at.
  static let variable = "FOTA_KILL_AT"
  /// The environment variable that names the failpoint to signal at.
  static let signalVariable = "FOTA_SIGNAL_AT"
  /// The environment variable that names the failpoint where the history's connection drops.
  static let dropVariable = "FOTA_DROP_HISTORY_AT"

  /// Whether the environment says the history's connection drops here.
  var dropsHistory: Bool { ProcessInfo.processInfo.environment[Self.dropVariable] == rawValue }

  /// Dies or signals here when the environment says so; after a signal, returns once the job's
  /// task is cancelled.
  func reach() async {
    guard reachWithoutWaiting() else { return }
    try? await Task.sleep(for: .seconds(5))
  }

  /// Whether a failpoint has signalled the process: once per process, as one `systemctl stop`
  /// would, however many nights of a run of many accounts reach it (a second signal would end the
  /// process at once).
  private static let signalled = Atomic(false)

  /// Dies or signals here when the environment says so; true when it signalled.
  @discardableResult
  func reachWithoutWaiting() -> Bool {
    let environment = ProcessInfo.processInfo.environment
    if environment[Self.variable] == rawValue { kill(getpid(), SIGKILL) }
    guard environment[Self.signalVariable] == rawValue,
      Self.signalled.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged
    else { return false }
    let signal: Int32
    switch environment["FOTA_SIGNAL"] {
    case "INT"?: signal = SIGINT
    case "HUP"?: signal = SIGHUP
    default: signal = SIGTERM
    }
    kill(getpid(), signal)
    return true
  }
}

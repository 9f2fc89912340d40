import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The step boundaries of a run where the kill tests stop it dead: with `FOTA_KILL_AT=NAME` in
/// the environment the process sends itself SIGKILL on reaching that boundary, exactly as a
/// power cut or `kill -9` would, so the tests can check what the next run finds.
enum Failpoint: String {
  /// Collecting: after the first page.
  case collecting
  /// The night is recorded in the history (pending), the report not yet swapped in.
  case recorded
  /// The report is swapped in, the night not yet marked published.
  case swapped
  /// The night is marked published; saved pages not yet moved, nothing delivered.
  case published

  /// The environment variable that names the failpoint to die at.
  static let variable = "FOTA_KILL_AT"

  /// Dies here when the environment says so.
  func reach() {
    guard ProcessInfo.processInfo.environment[Self.variable] == rawValue else { return }
    kill(getpid(), SIGKILL)
  }
}

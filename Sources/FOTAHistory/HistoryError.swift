import Foundation

/// Why the history database could not be read or written.
public enum HistoryError: Error, Equatable, LocalizedError {
  case newerVersion(path: String, unknownMigrations: [String])
  case damaged(path: String, reason: String)
  case notLatestNight(night: String, latest: String)
  case failed(path: String, reason: String)
  case noSuchRun(path: String, id: Int64)
  /// Another run of the same account and client type holds the shared history's lock.
  case locked(path: String, holder: String)

  public var errorDescription: String? {
    switch self {
    case .newerVersion(let path, let unknown):
      "the history database \(path) was written by a newer fota-report (migrations \(unknown.joined(separator: ", "))); "
        + "it was left untouched"
    case .damaged(let path, let reason):
      "the history database \(path) cannot be read (\(reason)); it was left untouched"
    case .notLatestNight(let night, let latest):
      "history already has a later night (\(latest)) than \(night); only the latest night can be run again "
        + "(replay older nights with --no-history or another --history)"
    case .failed(let path, let reason):
      "the history database \(path) could not be used: \(reason)"
    case .locked(let path, let holder):
      "another run of this account is recording into \(path): \(holder); try again when it has ended"
    case .noSuchRun(let path, let id):
      "the history database \(path) has no run \(id); `fota-report history list` shows the runs"
    }
  }
}

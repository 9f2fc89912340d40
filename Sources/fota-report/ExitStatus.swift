import FOTAJob

/// Every exit code of the command, in one place; the README's table says the same.
enum ExitStatus {
  /// The reports were published.
  static let success: Int32 = 0
  /// The run failed; nothing was published.
  static let failure: Int32 = 1
  /// Published, but the summary e-mail could not be delivered.
  static let deliveryFailed: Int32 = 3
  /// Published, but the history (or the saved pages) could not be written.
  static let recordIncomplete: Int32 = 4
  /// Bad usage, or refused before starting (sysexits' EX_USAGE).
  static let usage: Int32 = 64
  /// Another run holds the report folder, the history or the saved pages (EX_TEMPFAIL).
  static let busy: Int32 = 75

  /// The code for a run that threw.
  static func of(_ error: any Error) -> Int32 {
    switch error as? JobError {
    case .refused?: usage
    case .busy?: busy
    default: failure
    }
  }

  /// The code of a run of many accounts from theirs: 1 if any night failed, else 4 if any history
  /// could not be used, else 3 if any e-mail was not delivered, else 0.
  static func of(_ statuses: [Int32]) -> Int32 {
    if statuses.contains(where: { ![success, deliveryFailed, recordIncomplete].contains($0) }) {
      return failure
    }
    if statuses.contains(recordIncomplete) { return recordIncomplete }
    if statuses.contains(deliveryFailed) { return deliveryFailed }
    return success
  }

  /// The code for a run that published: 4 over 3 when both apply.
  static func of(_ outcome: RunOutcome) -> Int32 {
    if !outcome.incompleteRecord.isEmpty { return recordIncomplete }
    if case .failed = outcome.delivery { return deliveryFailed }
    return success
  }
}

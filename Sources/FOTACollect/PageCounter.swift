import FOTAModel
import Synchronization

/// The pages and records a collection has taken so far, summed over every range collected at
/// once, for the progress line.
final class PageCounter: Sendable {
  private let started = ContinuousClock.now
  private let totals = Mutex((pages: 0, records: 0))

  /// Counts a page of `records`; the totals so far and the seconds since collecting began.
  func add(records: Int) -> (pages: Int, records: Int, seconds: Double) {
    let now = totals.withLock { totals in
      totals.pages += 1
      totals.records += records
      return totals
    }
    return (now.pages, now.records, (ContinuousClock.now - started).seconds)
  }
}

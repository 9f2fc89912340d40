import FOTAModel
import Foundation

/// Where the ranges of a parallel collection leave their pages (bodies on disk, beside the
/// report's staging folder) for the collector, which takes them in IMEI order: every page of the
/// first range, then of the second, and so on, waiting for pages not yet there.
actor RangeBoard {
  /// A page a range has fetched, its body in `file`.
  struct StoredPage: Sendable {
    var file: URL
    var origin: String
    var segment: PageSegment
  }

  /// What the collector gets for a place in the order.
  enum Slot: Sendable {
    case page(StoredPage)
    /// The range has no more pages.
    case end
  }

  private var pages: [[StoredPage]] = []
  private var finished: [Bool] = []
  /// True once the ranges are known.
  private var begun = false
  private var failure: CollectionError?
  private var waiting: [(range: Int, index: Int, continuation: CheckedContinuation<Slot, any Error>)] = []
  /// Each range's figures, as the walkers report them.
  private(set) var figures: [RangeFigures] = []

  /// The ranges, once started.
  func begin(_ ranges: [RangeFigures]) {
    figures = ranges
    pages = Array(repeating: [], count: ranges.count)
    finished = Array(repeating: false, count: ranges.count)
    begun = true
    wake()
  }

  var rangeCount: Int { pages.count }

  /// Records a range's page.
  func add(_ page: StoredPage, range: Int) {
    pages[range].append(page)
    wake()
  }

  /// Records that a range has no more pages, and what it cost.
  func finish(_ range: RangeFigures) {
    finished[range.range - 1] = true
    figures[range.range - 1] = range
    wake()
  }

  /// Updates a range's figures.
  func update(_ range: RangeFigures) {
    figures[range.range - 1] = range
  }

  /// Stops the collection: every waiting and later request for a page fails with `error`.
  func fail(_ error: CollectionError) {
    if failure == nil { failure = error }
    wake()
  }

  /// The `index`-th page of `range`, waiting until it is fetched or the range ends.
  func page(range: Int, index: Int) async throws -> Slot {
    if let slot = try slot(range: range, index: index) { return slot }
    return try await withCheckedThrowingContinuation { waiting.append((range, index, $0)) }
  }

  private func slot(range: Int, index: Int) throws(CollectionError) -> Slot? {
    if let failure { throw failure }
    guard begun else { return nil }
    guard range < pages.count else { return .end }
    if index < pages[range].count { return .page(pages[range][index]) }
    return finished[range] ? .end : nil
  }

  private func wake() {
    var still: [(range: Int, index: Int, continuation: CheckedContinuation<Slot, any Error>)] = []
    for waiter in waiting {
      do {
        if let slot = try slot(range: waiter.range, index: waiter.index) {
          waiter.continuation.resume(returning: slot)
        } else {
          still.append(waiter)
        }
      } catch {
        waiter.continuation.resume(throwing: error)
      }
    }
    waiting = still
  }
}

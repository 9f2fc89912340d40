import ThingSpaceAPI

/// Checks a night's pages belong together, for live collection and saved pages alike: one
/// account, `hasMoreData` present on every page and false on the last only, and while there is
/// more, a page that is not empty and a cursor that moves forward in IMEI order.
public struct PageSequenceCheck: Sendable {
  /// The account pages must belong to; the first page's when not given.
  public private(set) var account: String?
  private var lastOrigin: String?
  private var lastSaidNoMore = false
  /// The cursor the next page starts after (`"0"` before the first page).
  public private(set) var cursor = "0"
  private var pages = 0
  private var entries = 0

  /// Creates a check, optionally for a given account, of pages walked from `startIndex` (`0`:
  /// the whole list; an IMEI: one range of a night collected in ranges).
  public init(account: String?, startingAfter startIndex: String = "0") {
    self.account = account
    cursor = startIndex
  }

  /// Accepts the next page (its envelope, and how many `deviceList` elements it held) or
  /// explains why it does not belong.
  public mutating func accept(_ page: DeviceListPage, entries count: Int, number: Int, origin: String)
    throws(CollectionError)
  {
    if lastSaidNoMore, let lastOrigin {
      throw .pageAfterLast(origin: origin, lastPage: lastOrigin)
    }
    if let found = page.accountName {
      if let account, account != found {
        throw .accountMismatch(origin: origin, expected: account, found: found)
      }
      account = found
    }
    guard let hasMore = page.hasMoreData else {
      throw .invalidPage(origin: origin, reason: "hasMoreData is missing or not a boolean")
    }
    if hasMore {
      guard count > 0 else {
        throw .emptyPageWithMoreData(page: number, startIndex: cursor)
      }
      guard let next = page.lastSeenDeviceId, next.isAfter(cursor) else {
        throw .cursorDidNotAdvance(
          page: number, startIndex: cursor, cursor: page.lastSeenDeviceId?.startIndex ?? "(none)")
      }
      cursor = next.startIndex
    }
    lastOrigin = origin
    lastSaidNoMore = !hasMore
    pages += 1
    entries += count
  }

  /// Confirms the last page said there was no more data or, for a range with an upper bound
  /// (`through`), that the walk got past it.
  public func finish(endingAfter through: String? = nil) throws(CollectionError) {
    if let through, pages > 0, PageCursor.string(cursor).isAfter(through) { return }
    guard lastSaidNoMore else {
      throw .incomplete(pages: pages, devices: entries, lastCursor: cursor)
    }
  }
}

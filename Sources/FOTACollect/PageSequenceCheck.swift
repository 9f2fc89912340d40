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

  /// Creates a check, optionally for a given account.
  public init(account: String?) {
    self.account = account
  }

  /// Accepts the next page or explains why it does not belong.
  public mutating func accept(_ page: CollectedPage) throws(CollectionError) {
    if lastSaidNoMore, let lastOrigin {
      throw .pageAfterLast(origin: page.origin, lastPage: lastOrigin)
    }
    if let found = page.page.accountName {
      if let account, account != found {
        throw .accountMismatch(origin: page.origin, expected: account, found: found)
      }
      account = found
    }
    guard let hasMore = page.page.hasMoreData else {
      throw .invalidPage(origin: page.origin, reason: "hasMoreData is missing or not a boolean")
    }
    if hasMore {
      guard !page.page.deviceList.isEmpty else {
        throw .emptyPageWithMoreData(page: page.number, startIndex: cursor)
      }
      guard let next = page.page.lastSeenDeviceId, next.isAfter(cursor) else {
        throw .cursorDidNotAdvance(
          page: page.number, startIndex: cursor, cursor: page.page.lastSeenDeviceId?.startIndex ?? "(none)")
      }
      cursor = next.startIndex
    }
    lastOrigin = page.origin
    lastSaidNoMore = !hasMore
    pages += 1
    entries += page.page.deviceList.count
  }

  /// Confirms the last page said there was no more data.
  public func finish() throws(CollectionError) {
    guard lastSaidNoMore else {
      throw .incomplete(pages: pages, devices: entries, lastCursor: cursor)
    }
  }
}

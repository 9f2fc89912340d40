import ThingSpaceAPI

/// Checks a night's pages belong together: one account, and `hasMoreData` false on the last only.
public struct PageSequenceCheck: Sendable {
  /// The account pages must belong to; the first page's when not given.
  public private(set) var account: String?
  private var lastOrigin: String?
  private var lastSaidNoMore = false
  private var lastCursor = "0"
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
    lastOrigin = page.origin
    lastSaidNoMore = page.page.hasMoreData == false
    lastCursor = page.page.lastSeenDeviceId?.startIndex ?? lastCursor
    pages += 1
    entries += page.page.deviceList.count
  }

  /// Confirms the last page said there was no more data.
  public func finish() throws(CollectionError) {
    guard lastSaidNoMore else {
      throw .incomplete(pages: pages, devices: entries, lastCursor: lastCursor)
    }
  }
}

import FOTAModel
import FOTANormalise
import Foundation
import ThingSpaceAPI

/// One range of a night collected in ranges (`--parallel`): its first page, fetched when the
/// ranges were started, then the pages after it, each with the ``PageSegment`` that says which
/// of its elements are the range's, until a page passes the next range's start or the list ends.
public struct RangeWalk: DevicePageSource, Sendable {
  /// A range's start: its lower bound and its first page.
  struct Start: Sendable {
    var after: String
    var refused: [String]
    var body: Data
    var page: DeviceListPage
    var requests: Int
  }

  private let client: ThingSpaceClient
  private let account: String
  private let clientType: ClientType?
  private let after: String
  /// The next range's start, where this one ends; `nil` for the last range.
  private let through: String?
  private let ledger: RangeLedger
  /// Where the pages this range collects ahead of the ranges before it wait (see ``HeldRange``).
  let heldFile: URL
  private var start: Start?
  /// What the range has taken so far.
  private(set) var figures: RangeFigures
  private var cursor: String
  /// The elements a range starts with up to its start's id are the range before's.
  private var dropping: Bool
  private var finished = false
  public let sourceDescription: String

  init(
    range: Int, start: Start, through: String?, client: ThingSpaceClient, account: String,
    clientType: ClientType?, ledger: RangeLedger, heldFile: URL
  ) {
    self.client = client
    self.account = account
    self.clientType = clientType
    self.after = start.after
    self.through = through
    self.ledger = ledger
    self.heldFile = heldFile
    self.start = start
    cursor = start.after
    dropping = range > 1
    figures = RangeFigures(
      range: range, after: start.after, through: through, refusedStarts: start.refused,
      requests: start.requests)
    sourceDescription = "range \(range) of the ThingSpace API at \(client.baseURL.host ?? "")"
  }

  /// The range, 1-based, in IMEI order.
  public var range: Int { figures.range }

  public var position: String { "range \(figures.range), startIndex \(cursor)" }

  public func statistics() async -> HTTPFigures? { await client.statistics }

  /// The next page of the range. A page that passes the next range's start, says there is no
  /// more, or whose cursor does not move on is the last one asked for; the collector's checks
  /// tell which ending is wrong.
  public mutating func nextPage() async throws(CollectionError) -> CollectedPage? {
    guard !finished else { return nil }
    let startIndex = cursor
    let body: Data
    let page: DeviceListPage
    if let first = start {
      (body, page) = (first.body, first.page)
      start = nil
    } else {
      let fetched = try await client.devicePageCounted(
        account: account, startIndex: startIndex, clientType: clientType)
      (body, page) = (fetched.body, fetched.page)
      figures.requests += fetched.requests
    }
    let ids = page.deviceList.map(DeviceNormaliser.deviceId(of:))
    var from = 0
    if dropping {
      from = ids.firstIndex { $0.map { DeviceID.precedes(after, $0) } ?? false } ?? ids.count
      if from < ids.count { dropping = false }
    }
    var to = ids.count
    var passed = false
    if let through,
      let end = ids[from...].firstIndex(where: { $0.map { DeviceID.precedes(through, $0) } ?? false })
    {
      to = end
      passed = true
    }
    figures.pages += 1
    figures.records += to - from
    await ledger.update(figures)
    if !passed, let next = page.nextStartIndex(after: startIndex) {
      cursor = next
    } else {
      finished = true
    }
    return CollectedPage(
      number: figures.pages, origin: "range \(figures.range) startIndex \(startIndex)", body: body,
      page: page,
      segment: PageSegment(range: figures.range, after: after, through: through, from: from, to: to))
  }
}

import FOTAModel
import FOTANormalise
import Foundation
import Logging
import ThingSpaceAPI

/// Collects an account's device list in ranges walked at once (`--parallel`), handing the
/// collector the pages in IMEI order as if one walk had fetched them.
///
/// Last night's IMEIs split the list (see ``RangePlan``). First every range's first page is
/// fetched, each range starting at its split IMEI, or at a neighbour when ThingSpace refuses it
/// (400 `LastSeenDeviceId Not Valid`: the device has left the account), or merged into the range
/// before when every candidate is refused. Then every range is walked with its own cursor until
/// a page passes the next range's start. Requests wait for a place in the ``RequestGate``. Pages
/// wait on disk in `scratch` until the collector takes them.
public struct RangedPageSource: DevicePageSource {
  private let client: ThingSpaceClient
  private let account: String
  private let board: RangeBoard
  private let gate: RequestGate
  private let parallel: Int
  private var range = 0
  private var index = 0
  private var number = 0
  public let sourceDescription: String

  public var position: String { "range \(range + 1), page \(index + 1)" }

  /// Pages are read back from disk and decoded on every core.
  public var pagesAhead: Int { DevicePageSourceDefaults.pagesAheadOnEveryCore }

  public func statistics() async -> HTTPFigures? { await client.statistics }

  public func layout() async -> CollectionLayout? {
    CollectionLayout(
      parallel: parallel, mode: "parallel", ranges: await board.figures,
      concurrencyChanges: await gate.changes)
  }

  public mutating func planningData() async -> PlanningData {
    await client.planningData(account: account)
  }

  public mutating func nextPage() async throws(CollectionError) -> CollectedPage? {
    while true {
      let slot: RangeBoard.Slot
      do {
        slot = try await board.page(range: range, index: index)
      } catch {
        throw error as? CollectionError
          ?? .unreadablePage(origin: position, reason: ErrorText.describe(error))
      }
      switch slot {
      case .page(let stored):
        index += 1
        number += 1
        let body: Data
        do {
          body = try Data(contentsOf: stored.file)
          try? FileManager.default.removeItem(at: stored.file)
        } catch {
          throw .unreadablePage(origin: stored.origin, reason: ErrorText.describe(error))
        }
        return CollectedPage(number: number, origin: stored.origin, body: body, segment: stored.segment)
      case .end:
        range += 1
        index = 0
        if range >= (await board.rangeCount) { return nil }
      }
    }
  }

  /// Runs `body` with a source for `plan`'s ranges, which are walked meanwhile; their pages
  /// wait in `scratch`, which is removed afterwards.
  public static func collecting<Result>(
    client: ThingSpaceClient, gate: RequestGate, account: String, clientType: ClientType?, plan: RangePlan,
    scratch: URL, logger: Logger, _ body: (inout any DevicePageSource) async throws -> Result
  ) async throws -> Result {
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let board = RangeBoard()
    let walk = RangeWalk(
      client: client, account: account, clientType: clientType, plan: plan, scratch: scratch, board: board,
      logger: logger)
    var source: any DevicePageSource = RangedPageSource(
      client: client, account: account, board: board, gate: gate, parallel: plan.parallel,
      sourceDescription:
        "ThingSpace API at \(client.baseURL.host ?? client.baseURL.absoluteString), in ranges")
    // The walkers run while the collector takes their pages; leaving this scope cancels them.
    async let walking: Void = walk.run()
    let result = try await body(&source)
    await walking
    return result
  }

  private init(
    client: ThingSpaceClient, account: String, board: RangeBoard, gate: RequestGate, parallel: Int,
    sourceDescription: String
  ) {
    self.client = client
    self.account = account
    self.board = board
    self.gate = gate
    self.parallel = parallel
    self.sourceDescription = sourceDescription
  }
}

/// The walkers of a ``RangedPageSource``: they start the ranges, then walk them at once.
struct RangeWalk: Sendable {
  let client: ThingSpaceClient
  let account: String
  let clientType: ClientType?
  let plan: RangePlan
  let scratch: URL
  let board: RangeBoard
  let logger: Logger

  /// A range's start: its lower bound and its first page.
  struct Start: Sendable {
    var after: String
    var refused: [String]
    var body: Data
    var page: DeviceListPage
    var requests: Int
  }

  /// Starts and walks every range; a failure stops the collection through the board.
  func run() async {
    do {
      let starts = try await startRanges()
      var ranges: [(start: Start, through: String?)] = []
      for (offset, start) in starts.enumerated() {
        ranges.append((start, offset + 1 < starts.count ? starts[offset + 1].after : nil))
      }
      await board.begin(
        ranges.enumerated().map { offset, range in
          RangeFigures(
            range: offset + 1, after: range.start.after, through: range.through,
            refusedStarts: range.start.refused, requests: range.start.requests)
        })
      logger.info(
        "collecting in ranges",
        metadata: [
          "ranges": "\(ranges.count)", "starts": "\(ranges.map(\.start.after).joined(separator: ","))",
        ])
      try await withThrowingTaskGroup(of: Void.self) { group in
        for (offset, range) in ranges.enumerated() {
          group.addTask { try await walk(range: offset + 1, from: range.start, through: range.through) }
        }
        try await group.waitForAll()
      }
    } catch {
      await board.fail(
        error as? CollectionError ?? .unreadablePage(origin: "ranges", reason: ErrorText.describe(error)))
    }
  }

  /// Every range's first page, fetched at once; ranges none of whose starts ThingSpace takes are
  /// left out (merged into the range before), as are starts not past the previous range's.
  private func startRanges() async throws -> [Start] {
    let found = try await withThrowingTaskGroup(of: (Int, Start?).self) { group in
      group.addTask { (0, try await start(candidates: ["0"])) }
      for (offset, candidates) in plan.candidates.enumerated() {
        group.addTask { (offset + 1, try await start(candidates: candidates)) }
      }
      var found = [Start?](repeating: nil, count: plan.candidates.count + 1)
      for try await (position, start) in group { found[position] = start }
      return found
    }
    var starts: [Start] = []
    for case let start? in found {
      if let previous = starts.last, start.after != "0", previous.after != "0",
        !DeviceID.precedes(previous.after, start.after)
      {
        continue
      }
      starts.append(start)
    }
    return starts
  }

  /// The first page after the first candidate ThingSpace takes; `nil` when it takes none.
  private func start(candidates: [String]) async throws -> Start? {
    var refused: [String] = []
    var requests = 0
    for candidate in candidates {
      try Task.checkCancellation()
      let result = await fetch(candidate)
      switch result {
      case .success(let fetched):
        return Start(
          after: candidate, refused: refused, body: fetched.body, page: fetched.page,
          requests: requests + fetched.requests)
      case .failure(let error):
        guard Self.isUnknownStart(error) else { throw error }
        requests += 1
        refused.append(candidate)
        logger.notice(
          "a split IMEI has left the account; trying its neighbour", metadata: ["imei": "\(candidate)"])
      }
    }
    return nil
  }

  /// One device-list page after `startIndex`, and the requests it took.
  private func fetch(_ startIndex: String) async -> Result<
    (body: Data, page: DeviceListPage, requests: Int), CollectionError
  > {
    do {
      return .success(
        try await client.devicePageCounted(account: account, startIndex: startIndex, clientType: clientType))
    } catch {
      return .failure(error)
    }
  }

  /// ThingSpace's answer to a `startIndex` that is not an IMEI of the account.
  static func isUnknownStart(_ error: CollectionError) -> Bool {
    if case .rejected(_, let detail) = error { return detail.contains("LastSeenDeviceId Not Valid") }
    return false
  }

  /// Walks one range from its first page until a page passes `through` or the list ends.
  private func walk(range: Int, from start: Start, through: String?) async throws {
    var figures = await board.figures[range - 1]
    var body = start.body
    var page = start.page
    var cursor = start.after
    // The elements a range starts with up to its start's id are the range before's.
    var dropping = range > 1
    while true {
      try Task.checkCancellation()
      let ids = page.deviceList.map(DeviceNormaliser.deviceId(of:))
      var from = 0
      if dropping {
        from = ids.firstIndex { $0.map { DeviceID.precedes(start.after, $0) } ?? false } ?? ids.count
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
      let segment = PageSegment(range: range, after: start.after, through: through, from: from, to: to)
      figures.pages += 1
      figures.records += to - from
      let file = scratch.appendingPathComponent(
        String(format: "range%03d-page%06d.json", range, figures.pages))
      try body.write(to: file)
      await board.add(
        RangeBoard.StoredPage(file: file, origin: "range \(range) startIndex \(cursor)", segment: segment),
        range: range - 1)
      await board.update(figures)
      // A page that passes the next range's start, says there is no more, or whose cursor does
      // not move on ends the walk; the collector's checks tell which ending is wrong.
      guard !passed, page.hasMoreData == true, let next = page.lastSeenDeviceId, next.isAfter(cursor),
        !page.deviceList.isEmpty
      else { break }
      cursor = next.startIndex
      let fetched = try await client.devicePageCounted(
        account: account, startIndex: cursor, clientType: clientType)
      body = fetched.body
      page = fetched.page
      figures.requests += fetched.requests
    }
    await board.finish(figures)
  }
}

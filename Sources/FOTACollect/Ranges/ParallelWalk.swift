import FOTAModel
import Foundation
import Logging
import ThingSpaceAPI

/// An account's device list walked in ranges at once (`--parallel`): the collector asks for the
/// ranges (``ranges()``) and takes each range's pages as they arrive, each range in IMEI order.
///
/// Last night's IMEIs split the list (see ``RangePlan``). Every range's first page is fetched at
/// once, each range starting at its split IMEI, or at a neighbour when ThingSpace refuses it
/// (400 `LastSeenDeviceId Not Valid`: the device has left the account), or merged into the range
/// before when every candidate is refused. Then each range is walked with its own cursor (a
/// ``RangeWalk``) until a page passes the next range's start. Requests wait for a place in
/// the ``RequestGate``. Walked with ``nextPage()`` instead, it is one walk from the start.
public struct ParallelWalk: DevicePageSource, Sendable {
  private let client: ThingSpaceClient
  private let account: String
  private let clientType: ClientType?
  private let plan: RangePlan
  private let gate: RequestGate
  private let scratch: URL
  private let logger: Logger
  private let ledger = RangeLedger()
  private var walk: HTTPPageSource
  public let sourceDescription: String

  public var position: String { walk.position }

  public func statistics() async -> HTTPFigures? { await client.statistics }

  public func layout() async -> CollectionLayout? {
    CollectionLayout(
      parallel: plan.parallel, mode: "parallel", ranges: await ledger.figures,
      concurrencyChanges: await gate.changes)
  }

  public mutating func planningData(campaigns: Bool) async -> PlanningData {
    await client.planningData(account: account, campaigns: campaigns)
  }

  public mutating func nextPage() async throws(CollectionError) -> CollectedPage? {
    try await walk.nextPage()
  }

  /// Starts every range: its first page fetched, its bounds known.
  public mutating func ranges() async throws(CollectionError) -> [RangeWalk]? {
    let starts: [RangeWalk.Start]
    do {
      starts = try await startRanges()
    } catch {
      throw error as? CollectionError ?? .unreadablePage(origin: "ranges", reason: ErrorText.describe(error))
    }
    var ranges: [RangeWalk] = []
    for (offset, start) in starts.enumerated() {
      ranges.append(
        RangeWalk(
          range: offset + 1, start: start,
          through: offset + 1 < starts.count ? starts[offset + 1].after : nil,
          client: client, account: account, clientType: clientType, ledger: ledger,
          heldFile: scratch.appendingPathComponent(String(format: "range%03d.held", offset + 1))))
    }
    await ledger.begin(ranges.map(\.figures))
    logger.info(
      "collecting in ranges",
      metadata: ["ranges": "\(ranges.count)", "starts": "\(starts.map(\.after).joined(separator: ","))"])
    return ranges
  }

  /// Runs `body` with a source for `plan`'s ranges; what the ranges hold on disk while they wait
  /// for the ones before them goes in `scratch`, which is removed afterwards.
  public static func collecting<Result>(
    client: ThingSpaceClient, gate: RequestGate, account: String, clientType: ClientType?, plan: RangePlan,
    scratch: URL, logger: Logger, _ body: (inout any DevicePageSource) async throws -> Result
  ) async throws -> Result {
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    var source: any DevicePageSource = ParallelWalk(
      client: client, account: account, clientType: clientType, plan: plan, gate: gate, scratch: scratch,
      logger: logger)
    return try await body(&source)
  }

  private init(
    client: ThingSpaceClient, account: String, clientType: ClientType?, plan: RangePlan, gate: RequestGate,
    scratch: URL, logger: Logger
  ) {
    self.client = client
    self.account = account
    self.clientType = clientType
    self.plan = plan
    self.gate = gate
    self.scratch = scratch
    self.logger = logger
    walk = HTTPPageSource(client: client, account: account, clientType: clientType)
    sourceDescription = "ThingSpace API at \(client.baseURL.host ?? client.baseURL.absoluteString), in ranges"
  }

  /// Every range's first page, fetched at once; ranges none of whose starts ThingSpace takes are
  /// left out (merged into the range before), as are starts not past the previous range's.
  private func startRanges() async throws -> [RangeWalk.Start] {
    let found = try await withThrowingTaskGroup(of: (Int, RangeWalk.Start?).self) { group in
      group.addTask { (0, try await start(candidates: ["0"])) }
      for (offset, candidates) in plan.candidates.enumerated() {
        group.addTask { (offset + 1, try await start(candidates: candidates)) }
      }
      var found = [RangeWalk.Start?](repeating: nil, count: plan.candidates.count + 1)
      for try await (position, start) in group { found[position] = start }
      return found
    }
    var starts: [RangeWalk.Start] = []
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
  private func start(candidates: [String]) async throws -> RangeWalk.Start? {
    var refused: [String] = []
    var requests = 0
    for candidate in candidates {
      try Task.checkCancellation()
      let result = await fetch(candidate)
      switch result {
      case .success(let fetched):
        return RangeWalk.Start(
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
}

import ThingSpaceAPI

/// One served page of the synthetic fleet.
public struct FleetPage: Sendable {
  /// 1-based page number.
  public var number: Int
  /// The response body, byte for byte.
  public var body: String
  /// Elements in `deviceList`.
  public var entryCount: Int
  /// True unless this is the last page.
  public var hasMoreData: Bool
}

/// The fleet's pages in order; the cursor alternates between JSON numbers and strings.
public struct FleetPages: Sequence, Sendable {
  let fleet: SyntheticFleet
  let clientType: ClientType?
  let pageSize: Int

  public func makeIterator() -> Iterator {
    Iterator(pages: self)
  }

  /// Walks the fleet, one page of matching records at a time.
  public struct Iterator: IteratorProtocol {
    private let pages: FleetPages
    private var index = 0
    private var number = 0
    private var finished = false
    private var lookahead: SyntheticDevice?

    init(pages: FleetPages) {
      self.pages = pages
      lookahead = nextMatching()
    }

    private mutating func nextMatching() -> SyntheticDevice? {
      while index < pages.fleet.deviceCount {
        let device = pages.fleet.device(at: index)
        index += 1
        guard let filter = pages.clientType else { return device }
        if let reported = device.clientType, filter.matches(reported) { return device }
      }
      return nil
    }

    public mutating func next() -> FleetPage? {
      guard !finished else { return nil }
      number += 1
      var entries: [SyntheticDevice] = []
      entries.reserveCapacity(pages.pageSize)
      while entries.count < pages.pageSize, let device = lookahead {
        entries.append(device)
        lookahead = nextMatching()
      }
      let hasMore = lookahead != nil
      finished = !hasMore
      let lastId = entries.lazy.map(\.deviceId).filter { !$0.isEmpty }.max() ?? "0"
      let cursor = !hasMore ? "0" : number % 2 == 1 ? lastId : JSONText.string(lastId)
      var body = "{\"accountName\":\(JSONText.string(pages.fleet.account)),"
      body += "\"hasMoreData\":\(hasMore),\"lastSeenDeviceId\":\(cursor),\"deviceList\":["
      body += entries.map(\.json).joined(separator: ",")
      body += "]}"
      return FleetPage(number: number, body: body, entryCount: entries.count, hasMoreData: hasMore)
    }
  }
}

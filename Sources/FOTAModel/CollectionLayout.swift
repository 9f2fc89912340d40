/// How a night's pages were collected over HTTP: one sequential walk, or ranges walked in
/// parallel (`--parallel`), with what each range cost.
public struct CollectionLayout: Sendable, Equatable, Codable {
  /// Ranges asked for (`--parallel`).
  public var parallel: Int
  /// `parallel` or `sequential`.
  public var mode: String
  /// Why the night was walked sequentially although more was asked for.
  public var reason: String?
  /// The ranges walked, in IMEI order.
  public var ranges: [RangeFigures]
  /// Changes of how many requests went at once.
  public var concurrencyChanges: [ConcurrencyChange]

  public init(
    parallel: Int, mode: String, reason: String? = nil, ranges: [RangeFigures] = [],
    concurrencyChanges: [ConcurrencyChange] = []
  ) {
    self.parallel = parallel
    self.mode = mode
    self.reason = reason
    self.ranges = ranges
    self.concurrencyChanges = concurrencyChanges
  }

  /// One line for logs and the report: `4 ranges in parallel, 187 requests` or why not.
  public var summary: String {
    guard mode == "parallel" else { return "sequential" + (reason.map { " (\($0))" } ?? "") }
    let requests = ranges.reduce(0) { $0 + $1.requests }
    var line = "\(ranges.count) ranges in parallel (asked for \(parallel)), \(requests) page requests"
    if let last = concurrencyChanges.last { line += ", down to \(last.to) at once after HTTP 429" }
    return line
  }
}

/// One range of a night collected in parallel.
public struct RangeFigures: Sendable, Equatable, Codable {
  /// 1-based, in IMEI order.
  public var range: Int
  /// The `startIndex` the range began at (`0` for the first).
  public var after: String
  /// The next range's start, where this one ends; `nil` for the last.
  public var through: String?
  /// Split IMEIs of last night tried first and refused (no longer in the account).
  public var refusedStarts: [String]
  /// Device-list requests, retries included.
  public var requests: Int
  /// Pages the range took.
  public var pages: Int
  /// `deviceList` elements counted in the range.
  public var records: Int

  public init(
    range: Int, after: String, through: String?, refusedStarts: [String] = [], requests: Int = 0,
    pages: Int = 0, records: Int = 0
  ) {
    self.range = range
    self.after = after
    self.through = through
    self.refusedStarts = refusedStarts
    self.requests = requests
    self.pages = pages
    self.records = records
  }
}

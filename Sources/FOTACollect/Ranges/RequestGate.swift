import FOTAModel

/// How many requests may be in flight at once: `--parallel` at first, halved (never below one)
/// each time ThingSpace answers 429, for the rest of the run.
public actor RequestGate {
  /// Requests allowed at once now.
  public private(set) var limit: Int
  private var inFlight = 0
  private var waiting: [CheckedContinuation<Void, Never>] = []
  /// Every change of ``limit``, in order.
  public private(set) var changes: [ConcurrencyChange] = []
  private var requests = 0

  /// Creates a gate for `limit` requests at once.
  public init(limit: Int) {
    self.limit = max(1, limit)
  }

  /// Waits for a free place, then takes it.
  public func enter() async {
    if inFlight < limit {
      inFlight += 1
      requests += 1
      return
    }
    await withCheckedContinuation { waiting.append($0) }
    requests += 1
  }

  /// Gives the place back, to the longest waiting request when the limit allows.
  public func leave() {
    inFlight -= 1
    while inFlight < limit, !waiting.isEmpty {
      inFlight += 1
      waiting.removeFirst().resume()
    }
  }

  /// ThingSpace answered 429: halves the limit, never below one.
  public func rateLimited() {
    let halved = max(1, limit / 2)
    guard halved < limit else { return }
    changes.append(ConcurrencyChange(afterRequest: requests, from: limit, to: halved, reason: "rate-limited"))
    limit = halved
  }
}

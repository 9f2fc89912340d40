/// Where to split a night collected in parallel: for each split point, in IMEI order, the IMEIs
/// of last night to try as the next range's start, the one at the even quantile first, then its
/// neighbours. ThingSpace takes only `0` or an IMEI of the account as `startIndex`, so a split
/// IMEI that has left the account is replaced by a neighbour, and after all of them the range
/// is merged into the one before.
public struct RangePlan: Sendable, Equatable {
  /// Candidates per split point.
  public var candidates: [[String]]
  /// Requests at once, at most (`--parallel`).
  public var parallel: Int

  public init(candidates: [[String]], parallel: Int) {
    self.candidates = candidates
    self.parallel = parallel
  }
}

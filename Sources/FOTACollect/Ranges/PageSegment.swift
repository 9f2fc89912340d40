/// Where a page stands in a night collected in ranges (`--parallel`): which range it belongs
/// to, the range's bounds, and which of its `deviceList` elements are the range's.
///
/// A range walks from its lower bound (exclusive, as `startIndex`) and ends at the first element
/// whose id lies past its upper bound: that element and the rest belong to the next range, which
/// drops the elements it starts with up to the same point. So every element of the night is
/// counted in exactly one range, in the sequential walk's order, wherever the bounds fall.
public struct PageSegment: Sendable, Equatable, Codable {
  /// The range, 1-based, in IMEI order.
  public var range: Int
  /// The range's lower bound: the `startIndex` its walk began at (`0` for the first range).
  public var after: String
  /// The range's upper bound (the next range's lower bound); `nil` for the last range.
  public var through: String?
  /// The first `deviceList` element that is the range's.
  public var from: Int
  /// One past the last `deviceList` element that is the range's.
  public var to: Int

  public init(range: Int, after: String, through: String?, from: Int, to: Int) {
    self.range = range
    self.after = after
    self.through = through
    self.from = from
    self.to = to
  }

  /// The elements of a page of `count` that are the range's; `nil` when the bounds do not fit it.
  public func kept(of count: Int) -> Range<Int>? {
    guard from >= 0, from <= to, to <= count else { return nil }
    return from..<to
  }
}

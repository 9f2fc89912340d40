import FOTAModel

/// The device ids seen so far, compactly: IMEIs as 64-bit integers, anything else as text.
///
/// Pages arrive in IMEI order, so numeric ids normally arrive ascending: they are appended to a
/// sorted array (8 bytes an IMEI, no hashing), where a repeat can only be the last one. An id
/// that arrives out of order is looked up in the array by binary search and kept in a hash set
/// beside it. This is the one structure of the pipeline that grows with the fleet.
public struct DeviceIdSet: Sendable {
  private var ascending: [UInt64] = []
  private var unordered: Set<UInt64> = []
  private var other: Set<String> = []

  /// Creates an empty set.
  public init() {}

  /// Adds an id; false when it was already there.
  public mutating func insert(_ id: String) -> Bool {
    guard let value = DeviceID.number(id) else { return other.insert(id).inserted }
    guard let last = ascending.last, value <= last else {
      // Above every id so far: the hash set only holds ids below an earlier last one.
      ascending.append(value)
      return true
    }
    if value == last || Self.contains(ascending, value) { return false }
    return unordered.insert(value).inserted
  }

  /// Adds every id of `later`, a set of ids that all come after this one's in IMEI order (the
  /// next range of a night collected in ranges) or none of which is here yet.
  public mutating func formUnion(_ later: DeviceIdSet) {
    if let first = later.ascending.first, ascending.last.map({ $0 < first }) ?? true {
      ascending += later.ascending
    } else {
      for value in later.ascending where !Self.contains(ascending, value) { unordered.insert(value) }
    }
    unordered.formUnion(later.unordered)
    other.formUnion(later.other)
  }

  /// Binary search of a sorted array.
  private static func contains(_ sorted: [UInt64], _ value: UInt64) -> Bool {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low < sorted.count && sorted[low] == value
  }

}

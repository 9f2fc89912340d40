/// The device ids seen so far, compactly: IMEIs as 64-bit integers, anything else as text.
///
/// This is the one structure of the pipeline that grows with the fleet (8 bytes per IMEI).
public struct DeviceIdSet: Sendable {
  private var numeric: Set<UInt64> = []
  private var other: Set<String> = []

  /// Creates an empty set.
  public init() {}

  /// Adds an id; false when it was already there.
  public mutating func insert(_ id: String) -> Bool {
    if let value = Self.numericKey(id) { return numeric.insert(value).inserted }
    return other.insert(id).inserted
  }

  /// Ids stored as numbers: 1 to 18 digits without a leading zero (so "007" stays distinct from "7").
  static func numericKey(_ id: String) -> UInt64? {
    let utf8 = id.utf8
    guard (1...18).contains(utf8.count), utf8.first != UInt8(ascii: "0") || utf8.count == 1 else {
      return nil
    }
    var value: UInt64 = 0
    for byte in utf8 {
      guard byte >= 0x30, byte <= 0x39 else { return nil }
      value = value * 10 + UInt64(byte - 0x30)
    }
    return value
  }
}

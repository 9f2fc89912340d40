/// The one IMEI order: the order ThingSpace pages devices in, and the order every report, the
/// spool, the history and the cursor checks use.
///
/// Ids of digits only sort by numeric value, at any length (leading zeros do not count, so
/// `007` and `7` are next to each other, `007` after `7`); all other ids come after them, by
/// their UTF-8 bytes. ``sortKey(_:)`` is the same order as text that sorts byte by byte, for
/// SQLite's `ORDER BY`.
public enum DeviceID {
  /// True when the id is digits only (an IMEI), at any length.
  public static func isDigits(_ id: String) -> Bool {
    !id.isEmpty && id.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
  }

  /// The id as a number: 1 to 18 digits without a leading zero (so `007` stays distinct from
  /// `7`), whose numeric order is this order; `nil` for any other id.
  public static func number(_ id: String) -> UInt64? {
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

  /// True when `lhs` sorts before `rhs`.
  public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
    compare(lhs, rhs) < 0
  }

  /// -1, 0 or 1 as `lhs` sorts before, with, or after `rhs`.
  public static func compare(_ lhs: String, _ rhs: String) -> Int {
    let (left, right) = (Array(lhs.utf8), Array(rhs.utf8))
    let (leftDigits, rightDigits) = (isDigits(left), isDigits(right))
    if leftDigits != rightDigits { return leftDigits ? -1 : 1 }
    if leftDigits {
      let leftValue = left.drop { $0 == zero }
      let rightValue = right.drop { $0 == zero }
      if leftValue.count != rightValue.count { return leftValue.count < rightValue.count ? -1 : 1 }
      if let order = order(leftValue, rightValue), order != 0 { return order }
    }
    return order(left[...], right[...]) ?? 0
  }

  /// Text whose byte order is this order: `0`, the digit count in four digits, the value
  /// without leading zeros, `|`, then the id as sent; or `1` and the id for other ids.
  public static func sortKey(_ id: String) -> String {
    let bytes = Array(id.utf8)
    guard isDigits(bytes) else { return "1" + id }
    let value = bytes.drop { $0 == zero }
    let count = String(value.count)
    return "0" + String(repeating: "0", count: max(0, 4 - count.count)) + count
      + String(decoding: value, as: UTF8.self) + "|" + id
  }

  private static let zero = UInt8(ascii: "0")

  private static func isDigits(_ bytes: [UInt8]) -> Bool {
    !bytes.isEmpty && bytes.allSatisfy { $0 >= zero && $0 <= UInt8(ascii: "9") }
  }

  /// Byte-by-byte order of two runs of bytes; `nil` when equal.
  private static func order(_ lhs: ArraySlice<UInt8>, _ rhs: ArraySlice<UInt8>) -> Int? {
    for (left, right) in zip(lhs, rhs) where left != right { return left < right ? -1 : 1 }
    return lhs.count == rhs.count ? nil : lhs.count < rhs.count ? -1 : 1
  }
}

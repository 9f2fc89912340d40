/// A part of a whole as a person reads it: a percentage with one decimal, rounded half up, the
/// one definition every report, the workbook and the e-mail use.
public struct Percentage: Sendable, Hashable, Comparable {
  /// Tenths of a percent (`712` is 71.2%).
  public let tenths: Int

  /// `part` of `whole`; 0 of nothing.
  public init(_ part: Int, of whole: Int) {
    tenths = whole > 0 ? (part * 2_000 + whole) / (whole * 2) : 0
  }

  /// The percentage as a number (`71.2`).
  public var value: Double { Double(tenths) / 10 }

  /// The percentage as text, without the sign (`"71.2"`).
  public var text: String {
    "\(tenths < 0 ? "-" : "")\(abs(tenths) / 10).\(abs(tenths) % 10)"
  }

  /// The change since `earlier` in percentage points: `+1.3`, `-0.4`, `±0.0`.
  public func points(since earlier: Percentage) -> String {
    let change = tenths - earlier.tenths
    let sign = change > 0 ? "+" : change < 0 ? "-" : "±"
    return "\(sign)\(abs(change) / 10).\(abs(change) % 10)"
  }

  public static func < (left: Percentage, right: Percentage) -> Bool { left.tenths < right.tenths }
}

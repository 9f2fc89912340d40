/// One JSON member as it arrived, before any interpretation.
public enum WireValue: Sendable, Hashable {
  /// The key was absent.
  case missing
  /// The key held `null`.
  case null
  /// A JSON string, at most ``maximumTextBytes`` long.
  case string(String)
  /// A JSON string or number longer than ``maximumTextBytes``, cut to whole characters within
  /// that many bytes.
  case oversized(String)
  /// A JSON string whose bytes are not UTF-8, or that escapes a lone UTF-16 surrogate.
  case invalidUTF8
  /// A JSON number, kept as its text.
  case number(String)
  /// A JSON boolean.
  case bool(Bool)
  /// An array or an object, which no device field expects.
  case structured

  /// The longest text a field may hold, in UTF-8 bytes; longer values are cut to it before they
  /// reach any report, the spool, the history or libxml2.
  public static let maximumTextBytes = 1_024

  /// A JSON string's value, cut to ``maximumTextBytes`` when longer.
  public static func text(_ value: String) -> WireValue {
    value.utf8.count > maximumTextBytes ? .oversized(truncated(value)) : .string(value)
  }

  /// The longest prefix of `value` within ``maximumTextBytes`` bytes that ends on a whole
  /// Unicode scalar.
  public static func truncated(_ value: String) -> String {
    let utf8 = Array(value.utf8.prefix(maximumTextBytes + 1))
    var cut = min(utf8.count, maximumTextBytes)
    // Step back over continuation bytes (10xxxxxx) to the start of the scalar that does not fit.
    while cut > 0, cut < utf8.count, utf8[cut] & 0xC0 == 0x80 { cut -= 1 }
    return String(decoding: utf8[..<cut], as: UTF8.self)
  }

  /// Short name of the JSON type, for diagnostics.
  public var typeName: String {
    switch self {
    case .missing: "missing"
    case .null: "null"
    case .string: "string"
    case .oversized: "oversized text"
    case .invalidUTF8: "invalid UTF-8 text"
    case .number: "number"
    case .bool: "boolean"
    case .structured: "array or object"
    }
  }

  /// The value as display text, when it is a scalar.
  public var text: String? {
    switch self {
    case .string(let value), .number(let value), .oversized(let value): value
    case .bool(let value): value ? "true" : "false"
    case .missing, .null, .structured, .invalidUTF8: nil
    }
  }
}

/// One JSON member as it arrived, before any interpretation.
public enum WireValue: Sendable, Hashable {
  /// The key was absent.
  case missing
  /// The key held `null`.
  case null
  /// A JSON string.
  case string(String)
  /// A JSON number, kept as its canonical text.
  case number(String)
  /// A JSON boolean.
  case bool(Bool)
  /// An array or an object, which no device field expects.
  case structured

  /// Short name of the JSON type, for diagnostics.
  public var typeName: String {
    switch self {
    case .missing: "missing"
    case .null: "null"
    case .string: "string"
    case .number: "number"
    case .bool: "boolean"
    case .structured: "array or object"
    }
  }

  /// The value as display text, when it is a scalar.
  public var text: String? {
    switch self {
    case .string(let value), .number(let value): value
    case .bool(let value): value ? "true" : "false"
    case .missing, .null, .structured: nil
    }
  }
}

extension KeyedDecodingContainer {
  /// Decodes a member without ever failing, trying the likely type first.
  func wireValue(forKey key: Key, expectingBool: Bool = false) -> WireValue {
    guard contains(key) else { return .missing }
    if expectingBool, let value = try? decode(Bool.self, forKey: key) { return .bool(value) }
    if let value = try? decode(String.self, forKey: key) { return .string(value) }
    if (try? decodeNil(forKey: key)) == true { return .null }
    if !expectingBool, let value = try? decode(Bool.self, forKey: key) { return .bool(value) }
    if let value = try? decode(Int64.self, forKey: key) { return .number(String(value)) }
    if let value = try? decode(Double.self, forKey: key) { return .number(String(value)) }
    return .structured
  }
}

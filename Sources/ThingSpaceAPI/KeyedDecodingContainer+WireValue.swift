/// Lenient member decoding for Foundation's `JSONDecoder`: the firmware list, the license pool,
/// and the reference the page decoder is checked against (ThingSpaceReferenceDecoding).
extension KeyedDecodingContainer {
  /// Decodes a member without ever failing, trying the likely type first.
  package func wireValue(forKey key: Key, expectingBool: Bool = false) -> WireValue {
    guard contains(key) else { return .missing }
    if expectingBool, let value = try? decode(Bool.self, forKey: key) { return .bool(value) }
    if let value = try? decode(String.self, forKey: key) { return .text(value) }
    if (try? decodeNil(forKey: key)) == true { return .null }
    if !expectingBool, let value = try? decode(Bool.self, forKey: key) { return .bool(value) }
    if let value = try? decode(Int64.self, forKey: key) { return .number(String(value)) }
    if let value = try? decode(Double.self, forKey: key) { return .number(String(value)) }
    return .structured
  }
}

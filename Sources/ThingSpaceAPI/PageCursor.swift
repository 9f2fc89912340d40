/// The keyset cursor `lastSeenDeviceId`, which ThingSpace sends as a number or as a string.
public enum PageCursor: Sendable, Hashable, CustomStringConvertible {
  case number(Int64)
  case string(String)

  /// The cursor as the next request's `startIndex` path segment.
  public var startIndex: String {
    switch self {
    case .number(let value): String(value)
    case .string(let value): value
    }
  }

  /// True for the end-of-list cursor `0` (number or string).
  public var isZero: Bool {
    switch self {
    case .number(let value): value == 0
    case .string(let value): value.trimmingASCIIWhitespace() == "0"
    }
  }

  public var description: String { startIndex }

  /// True when this cursor lies past `startIndex` in IMEI order (numerically for digit strings).
  public func isAfter(_ startIndex: String) -> Bool {
    let next = self.startIndex.trimmingASCIIWhitespace()
    let previous = startIndex.trimmingASCIIWhitespace()
    func digits(_ text: String) -> Substring? {
      guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
      let trimmed = text.drop { $0 == "0" }
      return trimmed
    }
    if let nextDigits = digits(next), let previousDigits = digits(previous) {
      if nextDigits.count != previousDigits.count { return nextDigits.count > previousDigits.count }
      return nextDigits > previousDigits
    }
    return next > previous
  }
}

extension PageCursor: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Int64.self) {
      self = .number(value)
    } else {
      self = .string(try container.decode(String.self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .number(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    }
  }
}

extension String {
  /// The string without leading and trailing ASCII spaces, tabs and line breaks.
  public func trimmingASCIIWhitespace() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
    let last = lastIndex(where: { !isSpace($0) })!
    return String(self[first...last])
  }
}

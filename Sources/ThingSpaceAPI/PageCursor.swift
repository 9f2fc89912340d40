import FOTAModel

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

  /// True when this cursor lies past `startIndex` in IMEI order (surrounding blanks ignored).
  public func isAfter(_ startIndex: String) -> Bool {
    DeviceID.precedes(startIndex.trimmingASCIIWhitespace(), self.startIndex.trimmingASCIIWhitespace())
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

/// Decodes a device-list response body in one pass over its UTF-8 bytes: no `Any`, no copies of
/// the body, and a `String` only for the values kept.
///
/// It accepts what Foundation's `JSONDecoder` accepts with ``DeviceListPage``'s `Decodable`
/// conformance (unknown members skipped at any depth, escapes and surrogate pairs, a cursor that
/// is a number or a string, booleans sent as text) and gives the same page. Unlike it, one bad
/// value costs only that value: text that is not UTF-8 becomes ``WireValue/invalidUTF8`` and text
/// longer than ``WireValue/maximumTextBytes`` is cut. A body that is not JSON, not an object, or
/// has no `deviceList` array is refused with a ``DeviceListDecodingError``.
public struct DeviceListDecoder: Sendable {
  /// The largest body accepted: a page of 1,000 devices is about 350 KB.
  public static let maximumBodyBytes = 64 << 20

  /// Reused for strings with escapes.
  private var scratch: [UInt8] = []

  /// Creates a decoder; keep one per task to reuse its buffer.
  public init() {}

  /// Decodes one body.
  public mutating func decode(_ bytes: UnsafeRawBufferPointer) throws(DeviceListDecodingError)
    -> DeviceListPage
  {
    guard bytes.count <= Self.maximumBodyBytes else { throw .tooLarge(bytes: bytes.count) }
    var reader = JSONByteReader(bytes)
    if reader.isAtEnd() { throw .empty }
    guard try reader.peek() == JSONByteReader.Byte.openBrace else {
      try reader.skipValue()
      throw .notAnObject
    }
    var page = DeviceListPage(accountName: nil, hasMoreData: nil, lastSeenDeviceId: nil, deviceList: [])
    var deviceList: WireValue = .missing
    var hasDeviceArray = false
    if try reader.open(JSONByteReader.Byte.openBrace) {
      repeat {
        let key = try reader.key()
        switch TopLevelKey(key, in: reader) {
        case .accountName:
          page.accountName = try value(&reader).text
        case .hasMoreData:
          switch try value(&reader) {
          case .bool(let flag): page.hasMoreData = flag
          case .string(let text): page.hasMoreData = LenientBool.parse(text)
          default: page.hasMoreData = nil
          }
        case .lastSeenDeviceId:
          page.lastSeenDeviceId = try cursor(&reader)
        case .deviceList:
          if try reader.peek() == JSONByteReader.Byte.openBracket {
            page.deviceList = try entries(&reader)
            hasDeviceArray = true
          } else {
            deviceList = try value(&reader)
            hasDeviceArray = false
          }
        case nil:
          try reader.skipValue()
        }
      } while try reader.next(closing: JSONByteReader.Byte.closeBrace)
    }
    guard reader.isAtEnd() else { throw .trailingData(byte: reader.index) }
    guard hasDeviceArray else { throw .noDeviceList(found: Self.describe(deviceList)) }
    return page
  }

  /// Decodes one body held in an array.
  public mutating func decode(_ bytes: [UInt8]) throws(DeviceListDecodingError) -> DeviceListPage {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(DeviceListDecodingError) in try decode(raw) }
    }
    return try result.get()
  }

  /// What a `deviceList` member that is not an array holds, for the error message.
  private static func describe(_ value: WireValue) -> String {
    switch value {
    case .missing: "missing"
    case .null: "null"
    case .structured: "an object"
    case .number: "a number"
    case .bool: "a boolean"
    case .string, .oversized, .invalidUTF8: "a string"
    }
  }

  // MARK: Device list

  private mutating func entries(_ reader: inout JSONByteReader) throws(DeviceListDecodingError)
    -> [DeviceEntry]
  {
    var entries: [DeviceEntry] = []
    guard try reader.open(JSONByteReader.Byte.openBracket) else { return entries }
    entries.reserveCapacity(1_000)
    repeat {
      switch try reader.peek() {
      case JSONByteReader.Byte.openBrace:
        entries.append(.device(try device(&reader)))
      case JSONByteReader.Byte.quote:
        let token = try reader.string()
        let text = self.text(token, in: reader).text ?? "\u{FFFD}"
        entries.append(.malformed("string \(text.prefix(40).debugDescription)"))
      case JSONByteReader.Byte.openBracket:
        try reader.skipValue()
        entries.append(.malformed("array"))
      case UInt8(ascii: "n"):
        try reader.word("null")
        entries.append(.malformed("null"))
      case UInt8(ascii: "t"), UInt8(ascii: "f"):
        try reader.skipValue()
        entries.append(.malformed("boolean"))
      default:
        try reader.skipValue()
        entries.append(.malformed("number"))
      }
    } while try reader.next(closing: JSONByteReader.Byte.closeBracket)
    return entries
  }

  private mutating func device(_ reader: inout JSONByteReader) throws(DeviceListDecodingError) -> WireDevice {
    var device = WireDevice()
    guard try reader.open(JSONByteReader.Byte.openBrace) else { return device }
    repeat {
      let key = try reader.key()
      guard let field = DeviceKey(key, in: reader) else {
        try reader.skipValue()
        continue
      }
      let value = try value(&reader)
      switch field {
      case .deviceId: device.deviceId = value
      case .mdn: device.mdn = value
      case .make: device.make = value
      case .model: device.model = value
      case .firmware: device.firmware = value
      case .fotaEligible: device.fotaEligible = value
      case .licenseAssigned: device.licenseAssigned = value
      case .upgradeTime: device.upgradeTime = value
      case .status: device.status = value
      case .clientType: device.clientType = value
      }
    } while try reader.next(closing: JSONByteReader.Byte.closeBrace)
    return device
  }

  // MARK: Values

  /// Any value, as a wire value.
  private mutating func value(_ reader: inout JSONByteReader) throws(DeviceListDecodingError) -> WireValue {
    switch try reader.peek() {
    case JSONByteReader.Byte.quote:
      return text(try reader.string(), in: reader)
    case JSONByteReader.Byte.openBrace, JSONByteReader.Byte.openBracket:
      try reader.skipValue()
      return .structured
    case UInt8(ascii: "t"):
      try reader.word("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try reader.word("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try reader.word("null")
      return .null
    case JSONByteReader.Byte.minus, UInt8(ascii: "0")...UInt8(ascii: "9"):
      let range = try reader.number().range
      let raw = UnsafeRawBufferPointer(rebasing: reader.bytes[range])
      return raw.count > WireValue.maximumTextBytes
        ? Self.cut(raw) : .number(String(decoding: raw, as: UTF8.self))
    default:
      throw .unexpected(byte: reader.index, expected: "a value")
    }
  }

  /// The cursor: an integer that fits 64 bits, or a string; anything else is no cursor.
  private mutating func cursor(_ reader: inout JSONByteReader) throws(DeviceListDecodingError) -> PageCursor?
  {
    switch try reader.peek() {
    case JSONByteReader.Byte.quote:
      guard case .string(let text) = text(try reader.string(), in: reader) else { return nil }
      return .string(text)
    case JSONByteReader.Byte.minus, UInt8(ascii: "0")...UInt8(ascii: "9"):
      let (range, isInteger) = try reader.number()
      guard isInteger else { return nil }
      return Int64(String(decoding: UnsafeRawBufferPointer(rebasing: reader.bytes[range]), as: UTF8.self))
        .map(PageCursor.number)
    default:
      try reader.skipValue()
      return nil
    }
  }

  /// A string token's value: checked for UTF-8 and cut to ``WireValue/maximumTextBytes``.
  private mutating func text(_ token: JSONByteReader.StringToken, in reader: JSONByteReader) -> WireValue {
    guard token.hasEscapes else {
      let raw = UnsafeRawBufferPointer(rebasing: reader.bytes[token.start..<token.end])
      if token.hasNonASCII, !UTF8Validation.isValid(raw) { return .invalidUTF8 }
      return Self.cut(raw)
    }
    scratch.removeAll(keepingCapacity: true)
    guard reader.unescape(token, into: &scratch) else { return .invalidUTF8 }
    return scratch.withUnsafeBytes { raw in UTF8Validation.isValid(raw) ? Self.cut(raw) : .invalidUTF8 }
  }

  /// Valid UTF-8 as text, cut to whole scalars within ``WireValue/maximumTextBytes`` bytes.
  private static func cut(_ raw: UnsafeRawBufferPointer) -> WireValue {
    guard raw.count > WireValue.maximumTextBytes else { return .string(String(decoding: raw, as: UTF8.self)) }
    var end = WireValue.maximumTextBytes
    while end > 0, raw[end] & 0xC0 == 0x80 { end -= 1 }
    return .oversized(String(decoding: UnsafeRawBufferPointer(rebasing: raw[..<end]), as: UTF8.self))
  }

  // MARK: Keys

  /// The envelope's members.
  private enum TopLevelKey {
    case accountName, hasMoreData, lastSeenDeviceId, deviceList

    init?(_ token: JSONByteReader.StringToken, in reader: JSONByteReader) {
      let key = KeyBytes(token, in: reader)
      if key == "deviceList" {
        self = .deviceList
      } else if key == "hasMoreData" {
        self = .hasMoreData
      } else if key == "lastSeenDeviceId" {
        self = .lastSeenDeviceId
      } else if key == "accountName" {
        self = .accountName
      } else {
        return nil
      }
    }
  }

  /// A device object's members.
  private enum DeviceKey {
    case deviceId, mdn, make, model, firmware, fotaEligible, licenseAssigned, upgradeTime, status, clientType

    init?(_ token: JSONByteReader.StringToken, in reader: JSONByteReader) {
      let key = KeyBytes(token, in: reader)
      switch key.count {
      case 3 where key == "mdn": self = .mdn
      case 4 where key == "make": self = .make
      case 5 where key == "model": self = .model
      case 6 where key == "status": self = .status
      case 8 where key == "deviceId": self = .deviceId
      case 8 where key == "firmware": self = .firmware
      case 10 where key == "clientType": self = .clientType
      case 11 where key == "upgradeTime": self = .upgradeTime
      case 12 where key == "fotaEligible": self = .fotaEligible
      case 15 where key == "licenseAssigned": self = .licenseAssigned
      default: return nil
      }
    }
  }

  /// A key's bytes, escapes resolved, compared with the names the decoder knows.
  private struct KeyBytes {
    private let raw: UnsafeRawBufferPointer?
    private let unescaped: [UInt8]

    init(_ token: JSONByteReader.StringToken, in reader: JSONByteReader) {
      if token.hasEscapes {
        var bytes: [UInt8] = []
        if !reader.unescape(token, into: &bytes) { bytes = [] }
        raw = nil
        unescaped = bytes
      } else {
        raw = UnsafeRawBufferPointer(rebasing: reader.bytes[token.start..<token.end])
        unescaped = []
      }
    }

    var count: Int { raw?.count ?? unescaped.count }

    static func == (lhs: KeyBytes, rhs: StaticString) -> Bool {
      let name = UnsafeRawBufferPointer(start: rhs.utf8Start, count: rhs.utf8CodeUnitCount)
      if let raw = lhs.raw { return raw.elementsEqual(name) }
      return lhs.unescaped.elementsEqual(name)
    }
  }
}

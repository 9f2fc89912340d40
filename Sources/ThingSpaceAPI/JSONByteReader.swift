/// A forward-only reader over the UTF-8 bytes of one JSON document: the pieces
/// ``DeviceListDecoder`` is built from.
///
/// It checks the grammar as it reads and never recurses (nesting is counted, up to
/// ``maximumDepth``), so no input can exhaust the stack. Strings are returned as byte ranges and
/// become `String`s only when the caller keeps them. Control characters inside strings, which
/// JSON forbids, are let through: a stray byte costs at most the value it sits in.
struct JSONByteReader {
  /// A string's bytes between its quotes, as they stand in the document.
  struct StringToken {
    var start: Int
    var end: Int
    /// True when the string holds a backslash escape.
    var hasEscapes: Bool
    /// True when the string holds a byte above 0x7F.
    var hasNonASCII: Bool
  }

  /// Containers open at once, at most (Foundation's `JSONDecoder` allows as many).
  static let maximumDepth = 512

  let bytes: UnsafeRawBufferPointer
  private(set) var index = 0
  private var depth = 0
  /// The containers `skipValue` has open, `true` for objects.
  private var skipping: [Bool] = []

  init(_ bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
    // A UTF-8 byte order mark is skipped.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
  }

  /// True when only white space is left.
  mutating func isAtEnd() -> Bool {
    skipWhitespace()
    return index == bytes.count
  }

  mutating func skipWhitespace() {
    while index < bytes.count {
      let byte = bytes[index]
      guard byte == Byte.space || byte == Byte.lineFeed || byte == Byte.carriageReturn || byte == Byte.tab
      else { return }
      index += 1
    }
  }

  /// The next byte that is not white space, without consuming it.
  mutating func peek() throws(DeviceListDecodingError) -> UInt8 {
    skipWhitespace()
    guard index < bytes.count else { throw .cutShort(byte: index) }
    return bytes[index]
  }

  /// Consumes `byte`, the next one that is not white space.
  mutating func expect(_ byte: UInt8, _ what: String) throws(DeviceListDecodingError) {
    guard try peek() == byte else { throw .unexpected(byte: index, expected: what) }
    index += 1
  }

  /// Opens an object (`{`) or an array (`[`); false, with the container closed again, when it is
  /// empty.
  mutating func open(_ opening: UInt8) throws(DeviceListDecodingError) -> Bool {
    try expect(opening, opening == Byte.openBrace ? "'{'" : "'['")
    depth += 1
    guard depth <= Self.maximumDepth else { throw .tooDeep(byte: index) }
    if try peek() == (opening == Byte.openBrace ? Byte.closeBrace : Byte.closeBracket) {
      index += 1
      depth -= 1
      return false
    }
    return true
  }

  /// After a member or an element: true at a comma (another follows), false at the closing
  /// bracket, which it consumes.
  mutating func next(closing: UInt8) throws(DeviceListDecodingError) -> Bool {
    let byte = try peek()
    if byte == Byte.comma {
      index += 1
      return true
    }
    guard byte == closing else {
      throw .unexpected(byte: index, expected: closing == Byte.closeBrace ? "',' or '}'" : "',' or ']'")
    }
    index += 1
    depth -= 1
    return false
  }

  /// A member's key and the colon after it.
  mutating func key() throws(DeviceListDecodingError) -> StringToken {
    guard try peek() == Byte.quote else { throw .unexpected(byte: index, expected: "a key in quotes") }
    let token = try string()
    try expect(Byte.colon, "':'")
    return token
  }

  /// A string, the reader at its opening quote.
  mutating func string() throws(DeviceListDecodingError) -> StringToken {
    index += 1
    let start = index
    var escapes = false
    var nonASCII = false
    while index < bytes.count {
      let byte = bytes[index]
      if byte == Byte.quote {
        index += 1
        return StringToken(start: start, end: index - 1, hasEscapes: escapes, hasNonASCII: nonASCII)
      }
      if byte == Byte.backslash {
        escapes = true
        guard index + 1 < bytes.count else { throw .cutShort(byte: bytes.count) }
        switch bytes[index + 1] {
        case Byte.quote, Byte.backslash, Byte.slash, UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
          UInt8(ascii: "r"), UInt8(ascii: "t"):
          index += 2
        case UInt8(ascii: "u"):
          for offset in 2..<6 {
            guard index + offset < bytes.count else { throw .cutShort(byte: bytes.count) }
            guard Self.hexValue(bytes[index + offset]) != nil else {
              throw .unexpected(byte: index + offset, expected: "a hex digit")
            }
          }
          index += 6
        default:
          throw .unexpected(byte: index + 1, expected: "an escape character")
        }
        continue
      }
      if byte >= 0x80 { nonASCII = true }
      index += 1
    }
    throw .cutShort(byte: index)
  }

  /// A number, the reader at its first byte: its byte range, and whether it is an integer (no
  /// fraction, no exponent).
  mutating func number() throws(DeviceListDecodingError) -> (range: Range<Int>, isInteger: Bool) {
    let start = index
    var isInteger = true
    if bytes[index] == Byte.minus { index += 1 }
    guard index < bytes.count else { throw .cutShort(byte: index) }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
    } else {
      try digits()
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      try digits()
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      isInteger = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == Byte.minus { index += 1 }
      try digits()
    }
    return (start..<index, isInteger)
  }

  /// One or more decimal digits.
  private mutating func digits() throws(DeviceListDecodingError) {
    guard index < bytes.count else { throw .cutShort(byte: index) }
    guard Self.isDigit(bytes[index]) else { throw .unexpected(byte: index, expected: "a digit") }
    while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
  }

  /// The literal `true`, `false` or `null`, the reader at its first byte.
  mutating func word(_ text: StaticString) throws(DeviceListDecodingError) {
    let count = text.utf8CodeUnitCount
    for offset in 0..<count {
      guard index + offset < bytes.count else { throw .cutShort(byte: bytes.count) }
      guard bytes[index + offset] == text.utf8Start[offset] else {
        throw .unexpected(byte: index + offset, expected: "\(text)")
      }
    }
    index += count
  }

  /// Skips one value of any kind, checking that it is well-formed.
  mutating func skipValue() throws(DeviceListDecodingError) {
    let base = skipping.count
    while true {
      switch try peek() {
      case Byte.quote:
        _ = try string()
      case Byte.openBrace:
        if try open(Byte.openBrace) {
          skipping.append(true)
          _ = try key()
          continue
        }
      case Byte.openBracket:
        if try open(Byte.openBracket) {
          skipping.append(false)
          continue
        }
      case UInt8(ascii: "t"): try word("true")
      case UInt8(ascii: "f"): try word("false")
      case UInt8(ascii: "n"): try word("null")
      case Byte.minus, UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try number()
      default: throw .unexpected(byte: index, expected: "a value")
      }
      // A value is complete: close the containers it completes, or go on to the next member.
      while skipping.count > base {
        let isObject = skipping[skipping.count - 1]
        if try next(closing: isObject ? Byte.closeBrace : Byte.closeBracket) {
          if isObject { _ = try key() }
          break
        }
        skipping.removeLast()
      }
      if skipping.count == base { return }
    }
  }

  /// The bytes of a string with its escapes resolved, appended to `output`; false when it escapes
  /// a lone UTF-16 surrogate, which no UTF-8 text can hold.
  func unescape(_ token: StringToken, into output: inout [UInt8]) -> Bool {
    var position = token.start
    while position < token.end {
      let byte = bytes[position]
      guard byte == Byte.backslash else {
        output.append(byte)
        position += 1
        continue
      }
      let escaped = bytes[position + 1]
      position += 2
      switch escaped {
      case UInt8(ascii: "b"): output.append(0x08)
      case UInt8(ascii: "f"): output.append(0x0C)
      case UInt8(ascii: "n"): output.append(Byte.lineFeed)
      case UInt8(ascii: "r"): output.append(Byte.carriageReturn)
      case UInt8(ascii: "t"): output.append(Byte.tab)
      case UInt8(ascii: "u"):
        var scalar = hex4(at: position)
        position += 4
        if (0xD800...0xDBFF).contains(scalar) {
          guard position + 6 <= token.end, bytes[position] == Byte.backslash,
            bytes[position + 1] == UInt8(ascii: "u")
          else { return false }
          let low = hex4(at: position + 2)
          guard (0xDC00...0xDFFF).contains(low) else { return false }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          position += 6
        } else if (0xDC00...0xDFFF).contains(scalar) {
          return false
        }
        Self.appendUTF8(scalar, to: &output)
      default: output.append(escaped)
      }
    }
    return true
  }

  private func hex4(at position: Int) -> UInt32 {
    var value: UInt32 = 0
    for offset in 0..<4 { value = value << 4 | UInt32(Self.hexValue(bytes[position + offset]) ?? 0) }
    return value
  }

  private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
    switch scalar {
    case ..<0x80:
      output.append(UInt8(scalar))
    case ..<0x800:
      output.append(UInt8(0xC0 | scalar >> 6))
      output.append(UInt8(0x80 | scalar & 0x3F))
    case ..<0x10000:
      output.append(UInt8(0xE0 | scalar >> 12))
      output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    default:
      output.append(UInt8(0xF0 | scalar >> 18))
      output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// The bytes the grammar turns on.
  enum Byte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
  }
}

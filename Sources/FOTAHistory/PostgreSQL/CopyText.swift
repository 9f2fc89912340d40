/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: columns separated by a tab, a row
/// ended by a newline, `\N` for NULL, and a backslash, tab, newline or carriage return in a value
/// escaped with a backslash.
enum CopyText {
  /// Appends one row.
  static func append(_ values: [HistoryValue], to text: inout [UInt8]) {
    for (index, value) in values.enumerated() {
      if index > 0 { text.append(0x09) }
      switch value {
      case .null:
        text += [0x5C, 0x4E]  // \N
      case .integer(let number):
        text += Array(String(number).utf8)
      case .real(let number):
        text += Array(real(number).utf8)
      case .text(let string):
        escape(string.utf8, into: &text)
      case .blob(let bytes):
        // bytea's hex input, \x…, its backslash escaped for COPY.
        text += [0x5C, 0x5C, 0x78]
        let digits = Array("0123456789abcdef".utf8)
        for byte in bytes {
          text.append(digits[Int(byte >> 4)])
          text.append(digits[Int(byte & 0x0F)])
        }
      }
    }
    text.append(0x0A)
  }

  /// A real number as PostgreSQL reads one.
  static func real(_ number: Double) -> String {
    if number.isNaN { return "NaN" }
    if number.isInfinite { return number > 0 ? "Infinity" : "-Infinity" }
    return "\(number)"
  }

  private static func escape(_ bytes: String.UTF8View, into text: inout [UInt8]) {
    for byte in bytes {
      switch byte {
      case 0x5C: text += [0x5C, 0x5C]
      case 0x09: text += [0x5C, 0x74]
      case 0x0A: text += [0x5C, 0x6E]
      case 0x0D: text += [0x5C, 0x72]
      default: text.append(byte)
      }
    }
  }
}

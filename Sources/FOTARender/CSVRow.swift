/// RFC 4180 cell encoding that spreadsheets cannot mistake for a formula.
///
/// A cell that starts with tab or CR, or whose first character after any spaces and line breaks
/// is `=`, `+`, `-`, `@` or their full-width forms `＝`, `＋`, `－`, `＠`, gets a leading `'`; a plain
/// negative number (`-3`, `-2.5`) is data and stays as it is. A cell holding a comma, a quote or
/// a line break is quoted, with quotes doubled. Records end with CRLF.
public enum CSVRow {
  /// One record as text.
  public static func encode(_ cells: [String]) -> String {
    var bytes: [UInt8] = []
    append(cells, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// One cell as text.
  public static func encodeCell(_ cell: String) -> String {
    var bytes: [UInt8] = []
    appendCell(cell, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends one record, CRLF included, to a byte buffer.
  public static func append(_ cells: [String], to bytes: inout [UInt8]) {
    for (index, cell) in cells.enumerated() {
      if index > 0 { bytes.append(comma) }
      appendCell(cell, to: &bytes)
    }
    bytes.append(carriageReturn)
    bytes.append(lineFeed)
  }

  /// Appends one cell to a byte buffer.
  public static func appendCell(_ cell: String, to bytes: inout [UInt8]) {
    let utf8 = cell.utf8
    let guarded = startsFormula(utf8)
    let quoted = utf8.contains { $0 == comma || $0 == quote || $0 == lineFeed || $0 == carriageReturn }
    if quoted { bytes.append(quote) }
    if guarded { bytes.append(apostrophe) }
    if quoted {
      for byte in utf8 {
        if byte == quote { bytes.append(quote) }
        bytes.append(byte)
      }
      bytes.append(quote)
    } else {
      bytes.append(contentsOf: utf8)
    }
  }

  private static let comma = UInt8(ascii: ",")
  private static let quote = UInt8(ascii: "\"")
  private static let apostrophe = UInt8(ascii: "'")
  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  /// True when a spreadsheet could read the cell as a formula.
  static func startsFormula(_ utf8: String.UTF8View) -> Bool {
    guard let first = utf8.first else { return false }
    if first == tab || first == carriageReturn { return true }
    let rest = utf8.drop { $0 == space || $0 == lineFeed || $0 == carriageReturn || $0 == tab }
    guard let lead = rest.first else { return false }
    switch lead {
    case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "@"): return true
    case UInt8(ascii: "-"): return !(first == lead && isPlainNegativeNumber(utf8))
    case 0xEF:
      // ＝ U+FF1D, ＋ U+FF0B, － U+FF0D, ＠ U+FF20: EF BC 9D, EF BC 8B, EF BC 8D, EF BC A0.
      let bytes = Array(rest.prefix(3))
      return bytes.count == 3 && bytes[1] == 0xBC && [0x9D, 0x8B, 0x8D, 0xA0].contains(bytes[2])
    default: return false
    }
  }

  /// `-` then digits, with at most one `.` between digits.
  private static func isPlainNegativeNumber(_ utf8: String.UTF8View) -> Bool {
    let body = utf8.dropFirst()
    guard let first = body.first, first != UInt8(ascii: "."), body.last != UInt8(ascii: ".") else {
      return false
    }
    var dots = 0
    for byte in body {
      if byte == UInt8(ascii: ".") {
        dots += 1
      } else if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") {
        return false
      }
    }
    return dots <= 1
  }

  private static let space = UInt8(ascii: " ")
  private static let tab = UInt8(ascii: "\t")
}

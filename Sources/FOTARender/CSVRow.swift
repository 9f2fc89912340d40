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
    var cell = cell
    cell.withUTF8 { appendCell(bytes: $0, to: &bytes) }
  }

  /// Appends one cell given as UTF-8 bytes: the one place the quoting and formula rules run.
  public static func appendCell(bytes cell: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
    let guarded = startsFormula(cell)
    let quoted = cell.contains { $0 == comma || $0 == quote || $0 == lineFeed || $0 == carriageReturn }
    guard quoted || guarded else {
      bytes.append(contentsOf: cell)
      return
    }
    if quoted { bytes.append(quote) }
    if guarded { bytes.append(apostrophe) }
    if quoted {
      for byte in cell {
        if byte == quote { bytes.append(quote) }
        bytes.append(byte)
      }
      bytes.append(quote)
    } else {
      bytes.append(contentsOf: cell)
    }
  }

  /// Appends an integer cell (never quoted; a negative number is data).
  public static func appendCell(_ value: Int64, to bytes: inout [UInt8]) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var digits: (UInt64, UInt64) = (0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      } while magnitude > 0
      for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
    }
  }

  /// Appends a cell of plain ASCII the caller knows needs no quoting or guard (a header, `true`).
  public static func appendPlain(_ text: StaticString, to bytes: inout [UInt8]) {
    bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Appends the comma between cells.
  public static func appendSeparator(to bytes: inout [UInt8]) {
    bytes.append(comma)
  }

  /// Ends a record with CRLF.
  public static func endRecord(_ bytes: inout [UInt8]) {
    bytes.append(carriageReturn)
    bytes.append(lineFeed)
  }

  private static let comma = UInt8(ascii: ",")
  private static let quote = UInt8(ascii: "\"")
  private static let apostrophe = UInt8(ascii: "'")
  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  /// True when a spreadsheet could read the cell as a formula.
  static func startsFormula(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = cell.first else { return false }
    // Most cells start with a letter or a digit: nothing to look at further.
    if first >= UInt8(ascii: "0") && first < 0x80 && first != UInt8(ascii: "=") && first != UInt8(ascii: "@")
    {
      return false
    }
    if first == tab || first == carriageReturn { return true }
    guard
      let leadIndex = cell.firstIndex(where: {
        !($0 == space || $0 == lineFeed || $0 == carriageReturn || $0 == tab)
      })
    else { return false }
    let lead = cell[leadIndex]
    switch lead {
    case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "@"): return true
    case UInt8(ascii: "-"): return !(leadIndex == 0 && isPlainNegativeNumber(cell))
    case 0xEF:
      // ＝ U+FF1D, ＋ U+FF0B, － U+FF0D, ＠ U+FF20: EF BC 9D, EF BC 8B, EF BC 8D, EF BC A0.
      guard leadIndex + 2 < cell.count, cell[leadIndex + 1] == 0xBC else { return false }
      return [0x9D, 0x8B, 0x8D, 0xA0].contains(cell[leadIndex + 2])
    default: return false
    }
  }

  /// `-` then digits, with at most one `.` between digits.
  private static func isPlainNegativeNumber(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
    let body = cell.dropFirst()
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

/// RFC 4180 cell encoding that spreadsheets cannot mistake for a formula.
///
/// A cell that would start with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`; a cell holding a
/// comma, a quote or a line break is quoted, with quotes doubled. Records end with CRLF.
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
    let guarded = utf8.first.map(isFormulaStart) ?? false
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

  private static func isFormulaStart(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "\t") || byte == carriageReturn
  }
}

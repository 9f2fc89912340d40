/// RFC 4180 cell encoding that spreadsheets cannot mistake for a formula.
public enum CSVRow {
  /// One record: cells encoded and joined by commas, ended by CRLF.
  public static func encode(_ cells: [String]) -> String {
    var line = ""
    for (index, cell) in cells.enumerated() {
      if index > 0 { line += "," }
      line += encodeCell(cell)
    }
    return line + "\r\n"
  }

  /// One cell: a leading `'` when it would start with `=`, `+`, `-`, `@`, tab or CR; quoted
  /// (with quotes doubled) when it holds a comma, a quote or a line break.
  public static func encodeCell(_ cell: String) -> String {
    var value = cell
    if let first = value.unicodeScalars.first, formulaStarts.contains(first) {
      value = "'" + value
    }
    guard value.unicodeScalars.contains(where: needsQuotes.contains) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
  private static let needsQuotes: Set<Unicode.Scalar> = [",", "\"", "\n", "\r"]
}

extension String {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}

/// Columns of plain text, for terminal listings and the e-mail's text part.
public enum TextTable {
  /// One line per row (the header first), columns two spaces apart, no trailing blanks, aligned by
  /// ``DisplayWidth`` (a wide CJK character takes two columns). With `rightAlignNumbers`, numbers
  /// (digits with commas, dots, a sign, a `%` or a parenthesised change, `1,204 (12.3%)`) are
  /// right-aligned, text left-aligned.
  public static func lines(header: [String], rows: [[String]], rightAlignNumbers: Bool = false) -> [String] {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
    return all.map { row in
      var line = row.enumerated().map { column, cell in
        let padding = String(repeating: " ", count: widths[column] - DisplayWidth.of(cell))
        return rightAlignNumbers && isNumber(cell) ? padding + cell : cell + padding
      }.joined(separator: "  ")
      while line.last == " " { line.removeLast() }
      return line
    }
  }

  /// Whether a cell reads as a number: digits, with `,` `.` `%` `+` `-` `±` `(` `)` and spaces
  /// around them (`71.2%`, `+1.3`, `1,204 (12.3%)`).
  static func isNumber(_ cell: String) -> Bool {
    cell.contains { $0.isASCII && $0.isNumber }
      && cell.allSatisfy { ($0.isASCII && $0.isNumber) || ",.%+-±() ".contains($0) }
  }

  /// The lines of ``lines(header:rows:rightAlignNumbers:)`` joined by line breaks.
  public static func render(header: [String], rows: [[String]], rightAlignNumbers: Bool = false) -> String {
    lines(header: header, rows: rows, rightAlignNumbers: rightAlignNumbers).joined(separator: "\n")
  }
}

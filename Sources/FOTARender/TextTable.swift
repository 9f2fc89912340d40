/// Columns of plain text, for terminal listings and the e-mail's text part.
public enum TextTable {
  /// One line per row (the header first), columns two spaces apart, no trailing blanks. With
  /// `rightAlignNumbers`, cells of digits, commas, dots and `%` are right-aligned.
  public static func lines(header: [String], rows: [[String]], rightAlignNumbers: Bool = false) -> [String] {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { row in
      var line = row.enumerated().map { column, cell in
        let padding = String(repeating: " ", count: widths[column] - cell.count)
        let numeric =
          rightAlignNumbers && !cell.isEmpty
          && cell.allSatisfy { $0.isNumber || $0 == "," || $0 == "." || $0 == "%" }
        return numeric ? padding + cell : cell + padding
      }.joined(separator: "  ")
      while line.last == " " { line.removeLast() }
      return line
    }
  }

  /// The lines of ``lines(header:rows:rightAlignNumbers:)`` joined by line breaks.
  public static func render(header: [String], rows: [[String]], rightAlignNumbers: Bool = false) -> String {
    lines(header: header, rows: rows, rightAlignNumbers: rightAlignNumbers).joined(separator: "\n")
  }
}

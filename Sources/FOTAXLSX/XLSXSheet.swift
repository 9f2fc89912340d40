import CLibXLSXWriter
import Foundation

/// One sheet of an ``XLSXWorkbook``, written row by row. Its pointer belongs to the workbook.
public final class XLSXSheet {
  private unowned let workbook: XLSXWorkbook
  let sheet: UnsafeMutablePointer<lxw_worksheet>
  /// The sheet's name.
  public let name: String
  /// Columns of the header.
  public let columns: Int
  /// Rows written, the header included.
  public private(set) var rows = 0

  init(workbook: XLSXWorkbook, sheet: UnsafeMutablePointer<lxw_worksheet>, name: String, columns: Int) {
    self.workbook = workbook
    self.sheet = sheet
    self.name = name
    self.columns = columns
  }

  /// Whether another row fits within Excel's limit.
  public var isFull: Bool { rows >= XLSXWorkbook.rowLimit }

  /// Writes the next row.
  public func appendRow(_ cells: [XLSXCell], bold: Bool = false) throws(XLSXError) {
    for (column, cell) in cells.enumerated() {
      try workbook.write(cell, sheet: sheet, row: rows, column: column, bold: bold)
    }
    rows += 1
  }

  /// Puts an autofilter over the header and every row written.
  public func addAutofilter() throws(XLSXError) {
    guard columns > 0 else { return }
    let result = worksheet_autofilter(sheet, 0, 0, lxw_row_t(max(rows - 1, 0)), lxw_col_t(columns - 1))
    try workbook.check(result, "add an autofilter to \(name)")
  }

  /// The range of column `column`'s rows `first`…`last` (0-based), as a chart names it.
  public func range(column: Int, rows first: Int, _ last: Int) -> String {
    let letter = String(UnicodeScalar(UInt8(65 + column)))
    let quoted = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    return "=\(quoted)!$\(letter)$\(first + 1):$\(letter)$\(last + 1)"
  }
}

import CLibXLSXWriter
import Foundation

/// An Excel workbook written through libxlsxwriter in its constant-memory mode: each sheet keeps
/// one row in memory and is written row by row, in order, to a temporary file beside the workbook;
/// ``close()`` assembles the `.xlsx`.
///
/// The one owner of libxlsxwriter's pointers: the workbook, its sheets, formats and charts live
/// until ``close()`` or ``discard()`` (or deinit, which discards).
public final class XLSXWorkbook {
  /// Excel's rows a sheet, the header included.
  public static let rowLimit = 1_048_576

  private var workbook: UnsafeMutablePointer<lxw_workbook>?
  /// The file written on ``close()``.
  public let path: String
  private let bold: UnsafeMutablePointer<lxw_format>
  private let dateTime: UnsafeMutablePointer<lxw_format>
  private let decimal: UnsafeMutablePointer<lxw_format>
  private let temporaryDirectory: UnsafeMutablePointer<CChar>?

  /// Creates the workbook at `path`, dated `created` (seconds since 1970: the same night gives
  /// the same bytes), its temporary files in `temporaryDirectory` (beside it by default, so they
  /// never fill a memory-backed `/tmp`).
  public init(path: String, created: Int64, temporaryDirectory: String? = nil) throws(XLSXError) {
    self.path = path
    let directory = temporaryDirectory ?? (path as NSString).deletingLastPathComponent
    self.temporaryDirectory = strdup(directory.isEmpty ? "." : directory)
    var options = lxw_workbook_options(constant_memory: 1, tmpdir: self.temporaryDirectory, use_zip64: 1)
    guard let workbook = workbook_new_opt(path, &options) else {
      free(self.temporaryDirectory)
      throw .cannotCreate(path: path)
    }
    self.workbook = workbook
    var properties = lxw_doc_properties()
    properties.created = time_t(created)
    workbook_set_properties(workbook, &properties)
    bold = workbook_add_format(workbook)
    format_set_bold(bold)
    dateTime = workbook_add_format(workbook)
    format_set_num_format(dateTime, "yyyy-mm-dd hh:mm:ss")
    decimal = workbook_add_format(workbook)
    format_set_num_format(decimal, "0.0")
  }

  deinit {
    discard()
  }

  /// Adds a sheet named `name` (Excel allows 31 characters; longer names are cut), with a bold
  /// header row, `widths` as column widths, the header frozen when `freezeHeader`.
  public func addSheet(_ name: String, header: [String], widths: [Double] = [], freezeHeader: Bool = true)
    throws(XLSXError) -> XLSXSheet
  {
    let workbook = try open("add sheet \(name)")
    let title = String(name.prefix(31))
    guard let sheet = workbook_add_worksheet(workbook, title) else {
      throw .writeFailed(operation: "add sheet \(title)", path: path, reason: "refused")
    }
    for (column, width) in widths.enumerated() {
      worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nil)
    }
    if freezeHeader { worksheet_freeze_panes(sheet, 1, 0) }
    let added = XLSXSheet(workbook: self, sheet: sheet, name: title, columns: header.count)
    try added.appendRow(header.map(XLSXCell.text), bold: true)
    return added
  }

  /// Adds a stacked bar chart to `sheet` at (`row`, `column`): one bar per row of
  /// `categoryRange`, one series per `(name, valuesRange)`; ranges as Excel writes them
  /// (`=Summary!$A$10:$A$20`).
  public func addStackedBarChart(
    to sheet: XLSXSheet, row: Int, column: Int, title: String, categories: String,
    series: [(name: String, values: String, color: UInt32)]
  ) throws(XLSXError) {
    let workbook = try open("add chart \(title)")
    guard let chart = workbook_add_chart(workbook, UInt8(LXW_CHART_BAR_STACKED.rawValue)) else {
      throw .writeFailed(operation: "add chart \(title)", path: path, reason: "refused")
    }
    chart_title_set_name(chart, title)
    for entry in series {
      let added = chart_add_series(chart, categories, entry.values)
      chart_series_set_name(added, entry.name)
      var fill = lxw_chart_fill(color: entry.color, none: 0, transparency: 0)
      chart_series_set_fill(added, &fill)
    }
    var options = lxw_chart_options()
    options.x_scale = 2
    options.y_scale = 1.5
    let result = worksheet_insert_chart_opt(sheet.sheet, lxw_row_t(row), lxw_col_t(column), chart, &options)
    try check(result, "insert chart \(title)")
  }

  /// Writes the workbook and frees it; after this it takes nothing more.
  public func close() throws(XLSXError) {
    guard let workbook else { return }
    self.workbook = nil
    let result = workbook_close(workbook)
    free(temporaryDirectory)
    try check(result, "close the workbook")
  }

  /// Frees the workbook without writing it.
  public func discard() {
    guard let workbook else { return }
    self.workbook = nil
    lxw_workbook_free(workbook)
    free(temporaryDirectory)
  }

  // MARK: Cells

  func write(
    _ cell: XLSXCell, sheet: UnsafeMutablePointer<lxw_worksheet>, row: Int, column: Int, bold isBold: Bool
  ) throws(XLSXError) {
    _ = try open("write a cell")
    let (r, c) = (lxw_row_t(row), lxw_col_t(column))
    let format = isBold ? bold : nil
    let result: lxw_error
    switch cell {
    case .text(let text):
      guard !text.isEmpty else { return }
      result = worksheet_write_string(sheet, r, c, text, format)
    case .integer(let value): result = worksheet_write_number(sheet, r, c, Double(value), format)
    case .decimal(let value): result = worksheet_write_number(sheet, r, c, value, decimal)
    case .boolean(let value): result = worksheet_write_boolean(sheet, r, c, value ? 1 : 0, format)
    case .dateTime(let milliseconds):
      // Excel counts days from 1899-12-30; 1970-01-01 is day 25,569.
      let days = Double(milliseconds) / 86_400_000 + 25_569
      guard days >= 1 else { return }
      result = worksheet_write_number(sheet, r, c, days, dateTime)
    case .empty: return
    }
    try check(result, "write row \(row + 1)")
  }

  private func open(_ operation: String) throws(XLSXError) -> UnsafeMutablePointer<lxw_workbook> {
    guard let workbook else { throw .writeFailed(operation: operation, path: path, reason: "already closed") }
    return workbook
  }

  func check(_ result: lxw_error, _ operation: String) throws(XLSXError) {
    guard result != LXW_NO_ERROR else { return }
    throw .writeFailed(operation: operation, path: path, reason: String(cString: lxw_strerror(result)))
  }
}

/// One cell of a row, typed as Excel should hold it.
public enum XLSXCell: Sendable, Equatable {
  /// Text, never read as a number, a date or a formula (ids and phone numbers keep their digits).
  case text(String)
  /// A whole number.
  case integer(Int)
  /// A number shown with one decimal (percentages).
  case decimal(Double)
  /// `TRUE` or `FALSE`.
  case boolean(Bool)
  /// A date and time (UTC), from milliseconds since 1970.
  case dateTime(milliseconds: Int64)
  /// Nothing.
  case empty
}

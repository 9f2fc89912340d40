import Foundation

/// A value bound to a history statement or read from one: the types both stores share.
enum HistoryValue: Sendable, Equatable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])
}

/// A Swift value a history statement can take as an argument.
protocol HistoryBindable {
  /// The value as the stores bind it.
  var historyValue: HistoryValue { get }
}

extension HistoryValue: HistoryBindable {
  var historyValue: HistoryValue { self }
}

extension Int: HistoryBindable {
  var historyValue: HistoryValue { .integer(Int64(self)) }
}

extension Int64: HistoryBindable {
  var historyValue: HistoryValue { .integer(self) }
}

/// Stored as 0 or 1, in both stores, so every statement reads the same.
extension Bool: HistoryBindable {
  var historyValue: HistoryValue { .integer(self ? 1 : 0) }
}

extension Double: HistoryBindable {
  var historyValue: HistoryValue { .real(self) }
}

extension String: HistoryBindable {
  var historyValue: HistoryValue { .text(self) }
}

extension Data: HistoryBindable {
  var historyValue: HistoryValue { .blob([UInt8](self)) }
}

extension Array: HistoryBindable where Element == UInt8 {
  var historyValue: HistoryValue { .blob(self) }
}

extension Optional: HistoryBindable where Wrapped: HistoryBindable {
  var historyValue: HistoryValue { self?.historyValue ?? .null }
}

/// One row a history statement returned, its columns found by name. Names compare without case:
/// PostgreSQL folds the unquoted names of the schema to lower case, SQLite keeps them.
struct HistoryRow: Sendable {
  /// The columns of a statement's rows, shared by all of them.
  final class Columns: Sendable {
    let names: [String]
    private let positions: [String: Int]

    init(_ names: [String]) {
      self.names = names
      var positions: [String: Int] = [:]
      for (position, name) in names.enumerated() where positions[name.lowercased()] == nil {
        positions[name.lowercased()] = position
      }
      self.positions = positions
    }

    func position(_ name: String) throws(HistorySQLError) -> Int {
      guard let position = positions[name.lowercased()] else { throw .noColumn(name) }
      return position
    }
  }

  let columns: Columns
  let values: [HistoryValue]

  func value(_ name: String) throws(HistorySQLError) -> HistoryValue {
    values[try columns.position(name)]
  }

  func string(_ name: String) throws(HistorySQLError) -> String {
    guard let text = try optionalString(name) else { throw .unexpected(column: name, wanted: "text") }
    return text
  }

  func optionalString(_ name: String) throws(HistorySQLError) -> String? {
    switch try value(name) {
    case .null: return nil
    case .text(let text): return text
    case .integer(let number): return String(number)
    default: throw .unexpected(column: name, wanted: "text")
    }
  }

  func int64(_ name: String) throws(HistorySQLError) -> Int64 {
    guard let number = try optionalInt64(name) else { throw .unexpected(column: name, wanted: "a number") }
    return number
  }

  func optionalInt64(_ name: String) throws(HistorySQLError) -> Int64? {
    switch try value(name) {
    case .null: return nil
    case .integer(let number): return number
    case .real(let number) where number.rounded() == number: return Int64(exactly: number)
    default: throw .unexpected(column: name, wanted: "a number")
    }
  }

  func int(_ name: String) throws(HistorySQLError) -> Int { Int(try int64(name)) }

  func optionalInt(_ name: String) throws(HistorySQLError) -> Int? { try optionalInt64(name).map { Int($0) } }

  func bool(_ name: String) throws(HistorySQLError) -> Bool { try int64(name) != 0 }

  func bytes(_ name: String) throws(HistorySQLError) -> [UInt8] {
    switch try value(name) {
    case .blob(let bytes): return bytes
    case .text(let text): return Array(text.utf8)
    default: throw .unexpected(column: name, wanted: "bytes")
    }
  }
}

/// A statement's result did not have the shape the history's tables expect.
enum HistorySQLError: Error, Equatable, CustomStringConvertible {
  case noColumn(String)
  case unexpected(column: String, wanted: String)

  var description: String {
    switch self {
    case .noColumn(let name): return "the history has no column \(name)"
    case .unexpected(let column, let wanted): return "the history's column \(column) does not hold \(wanted)"
    }
  }
}

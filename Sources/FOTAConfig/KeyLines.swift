import Foundation

/// Where each key of the config file is written, so that a mistake found after parsing (TOMLKit
/// gives positions for syntax errors only) still names its line. It reads only the shape the
/// file reference documents: `key = value` at the top level and in `[[account]]` tables.
struct KeyLines: Sendable {
  /// The top level's keys and their lines.
  private(set) var topLevel: [String: Int] = [:]
  /// Each `[[account]]` table's header line and its keys' lines, in the file's order.
  private(set) var accounts: [(header: Int, keys: [String: Int])] = []
  /// Headers of other tables (`[name]` or `[[name]]` other than `account`), by line.
  private(set) var otherTables: [(line: Int, name: String)] = []

  init(text: String) {
    var section = Section.top
    for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = offset + 1
      let text = raw.trimmingCharacters(in: .whitespaces)
      if text.hasPrefix("[") {
        let name =
          text.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t"))
          .split(separator: "#").first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t")) }
          ?? ""
        if text.hasPrefix("[[") && name == "account" {
          accounts.append((line, [:]))
          section = .account(accounts.count - 1)
        } else {
          otherTables.append((line, name))
          section = .other
        }
        continue
      }
      guard let equals = text.firstIndex(of: "="), !text.hasPrefix("#") else { continue }
      var key = text[..<equals].trimmingCharacters(in: .whitespaces)
      if key.count >= 2, key.first == "\"" || key.first == "'", key.last == key.first {
        key = String(key.dropFirst().dropLast())
      }
      guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
        continue
      }
      switch section {
      case .top: if topLevel[key] == nil { topLevel[key] = line }
      case .account(let index): if accounts[index].keys[key] == nil { accounts[index].keys[key] = line }
      case .other: break
      }
    }
  }

  private enum Section {
    case top
    case account(Int)
    case other
  }
}

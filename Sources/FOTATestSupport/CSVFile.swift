import CSV

/// CSV files read back with an independent RFC 4180 parser (CSV.swift), never our own writer.
public enum CSVFile {
  /// The header and the rows of a whole file.
  public static func read(_ text: String) throws -> (header: [String], rows: [[String]]) {
    let reader = try CSVReader(string: text, hasHeaderRow: true)
    var rows: [[String]] = []
    while let row = reader.next() { rows.append(row) }
    return (reader.headerRow ?? [], rows)
  }

  /// Every maximal run of ASCII digits in a text.
  public static func digitRuns(in text: String) -> Set<String> {
    Set(text.split { !("0"..."9").contains($0) }.map(String.init))
  }
}

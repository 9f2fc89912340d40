import ArgumentParser
import FOTAHistory

extension HistoryLocation {
  /// `--history` with `--history-schema`; a mistake in either is a usage error (exit 64).
  static func parse(_ text: String, schema: String) throws -> HistoryLocation {
    do {
      switch try HistoryLocation(text) {
      case .sqlite(let path):
        guard schema == "fota" else {
          throw ValidationError(
            "--history-schema applies to a PostgreSQL history only; \(path) is an SQLite file")
        }
        return .sqlite(path: path)
      case .postgreSQL(var location):
        try location.use(schema: schema)
        return .postgreSQL(location)
      }
    } catch let error as HistoryLocationError {
      throw ValidationError(error.errorDescription ?? "--history: \(error)")
    }
  }
}

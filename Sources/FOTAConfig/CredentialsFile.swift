import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An account's `credentials` file: `KEY=VALUE` lines holding its `THINGSPACE_*` variables,
/// refused unless only its owner can read it.
public enum CredentialsFile {
  /// The variables such a file may set.
  public static let prefix = "THINGSPACE_"

  /// Reads the file at `path`, named at `line` of the config file `configPath`.
  public static func read(_ path: String, namedAt line: Int?, in configPath: String) throws(ConfigFileError)
    -> [String: String]
  {
    var status = stat()
    guard stat(path, &status) == 0 else {
      throw ConfigFileError(
        path: configPath, line: line,
        "credentials file \(path) cannot be read (\(String(cString: strerror(errno))))")
    }
    guard status.st_mode & 0o077 == 0 else {
      throw ConfigFileError(
        path: configPath, line: line,
        "credentials file \(path) can be read by others (mode \(String(status.st_mode & 0o777, radix: 8))); "
          + "make it its owner's only: chmod 600 \(path)")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigFileError(path: configPath, line: line, "credentials file \(path) cannot be read")
    }
    var variables: [String: String] = [:]
    for (offset, raw) in String(decoding: data, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false
    ).enumerated() {
      var text = raw.trimmingCharacters(in: .whitespaces)
      if text.isEmpty || text.hasPrefix("#") { continue }
      if text.hasPrefix("export ") { text = String(text.dropFirst("export ".count)) }
      guard let equals = text.firstIndex(of: "=") else {
        throw ConfigFileError(path: path, line: offset + 1, "expected KEY=VALUE")
      }
      let key = text[..<equals].trimmingCharacters(in: .whitespaces)
      var value = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      if value.count >= 2, value.first == "\"" || value.first == "'", value.last == value.first {
        value = String(value.dropFirst().dropLast())
      }
      guard key.hasPrefix(prefix) else {
        throw ConfigFileError(path: path, line: offset + 1, "\(key) is not a \(prefix)* variable")
      }
      guard !value.isEmpty else { throw ConfigFileError(path: path, line: offset + 1, "\(key) is empty") }
      variables[key] = value
    }
    return variables
  }
}

import Foundation

/// A `.pgpass`-format file (`PGPASSFILE`, else `~/.pgpass`): `hostname:port:database:username:password`
/// lines, `*` matching anything, `\:` and `\\` escaping, `#` starting a comment; the first line
/// that matches gives the password. As libpq does, a file readable by the group or others is
/// ignored.
enum PassFile {
  /// The password for `location`, or `nil`.
  static func password(for location: PostgreSQLLocation, environment: [String: String]) -> String? {
    let path =
      environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 }
      ?? environment["HOME"].map { $0 + "/.pgpass" }
    guard let path, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0,
      let text = try? String(contentsOfFile: path, encoding: .utf8)
    else { return nil }
    return password(in: text, for: location)
  }

  /// The password of the first line of `text` that matches `location`.
  static func password(in text: String, for location: PostgreSQLLocation) -> String? {
    let wanted = [location.passFileHost, String(location.port), location.database, location.user]
    for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
      let fields = self.fields(of: line)
      guard fields.count == 5 else { continue }
      if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
    }
    return nil
  }

  /// The line's fields, split at unescaped colons, escapes removed.
  private static func fields(of line: Substring) -> [String] {
    var fields: [String] = []
    var field = ""
    var escaped = false
    for character in line {
      if escaped {
        field.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == ":" {
        fields.append(field)
        field = ""
      } else {
        field.append(character)
      }
    }
    fields.append(field)
    return fields
  }
}

/// Escapes text for HTML and SVG content and attribute values.
public enum HTMLEscaping {
  /// The text with `&`, `<`, `>`, `"` and `'` replaced by entities, and control characters
  /// (other than tab and line breaks), which HTML forbids, by U+FFFD.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in visible(text) {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }

  /// The text with control characters other than tab and line breaks replaced by U+FFFD.
  public static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? "\u{FFFD}" : $0 }))
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r")
      || (0x7F...0x9F).contains(scalar.value)
  }

  /// Shortens a label for a chart, keeping whole characters.
  public static func shortened(_ text: String, to limit: Int) -> String {
    let flat = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
  }
}

/// Escapes text for HTML and SVG content and attribute values.
public enum HTMLEscaping {
  /// The text with `&`, `<`, `>`, `"` and `'` replaced by entities.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
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

  /// Shortens a label for a chart, keeping whole characters.
  public static func shortened(_ text: String, to limit: Int) -> String {
    let flat = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
  }
}

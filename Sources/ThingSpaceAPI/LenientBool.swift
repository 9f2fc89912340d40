/// Reads the booleans ThingSpace sometimes sends as text.
public enum LenientBool {
  /// `true`/`false` in any letter case, surrounding blanks ignored; `nil` for anything else.
  public static func parse(_ text: String) -> Bool? {
    switch text.trimmingASCIIWhitespace().lowercased() {
    case "true": true
    case "false": false
    default: nil
    }
  }
}

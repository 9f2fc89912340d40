/// Text that goes into one-line messages: quoted and shortened, whatever the data held.
public enum MessageText {
  /// The longest value quoted in a message, in characters.
  public static let quoteLimit = 80

  /// `"value"`, escaped like a Swift string literal, cut to ``quoteLimit`` characters with `…`.
  public static func quoted(_ value: String) -> String {
    let shown = value.count > quoteLimit ? String(value.prefix(quoteLimit - 1)) + "…" : value
    return shown.debugDescription
  }

  /// The text on one line: every line break becomes a space.
  public static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ")
  }
}

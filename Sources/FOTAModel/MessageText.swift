import Foundation

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

  /// A system error number as words, as `strerror` says them but starting in lower case
  /// (`"no space left on device"`).
  public static func systemError(_ number: Int32) -> String {
    let text = String(cString: strerror(number))
    return text.prefix(1).lowercased() + text.dropFirst()
  }

  /// An enum case's printed form (`"HTTPClientError.remoteConnectionClosed"`) as words
  /// (`"remote connection closed"`).
  public static func words(ofCase printed: String) -> String {
    let name = printed.split(separator: ".").last.map(String.init) ?? printed
    var words = ""
    for character in name.prefix(while: { $0 != "(" }) {
      if character.isUppercase, !words.isEmpty { words += " " }
      words += character.lowercased()
    }
    return words
  }

  /// Text without the type names and dumps frameworks put in their errors' descriptions
  /// (`Error Domain=… Code=… UserInfo={…}`, `SomeError.someCase:`), for a line a person reads.
  public static func withoutTypeNames(_ text: String) -> String {
    var text = oneLine(text)
    text.replace(/\s?UserInfo=\{.*\}/, with: "")
    text.replace(/Error Domain=\S+ Code=-?\d+ ?/, with: "")
    text.replace(
      /\b[A-Z][A-Za-z0-9]*(Error|Exception)[A-Za-z0-9]*(\.[A-Za-z0-9_]+)*(\([^)]*\))?:? ?/, with: "")
    text = text.trimmingCharacters(in: .whitespaces)
    if text.hasPrefix("\""), text.hasSuffix("\""), text.count > 1 {
      text = String(text.dropFirst().dropLast())
    }
    return text.isEmpty ? "an unexpected error" : text
  }
}

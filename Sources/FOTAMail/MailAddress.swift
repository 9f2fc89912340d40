import Foundation

/// An e-mail address (`local@domain`), checked loosely but enough to refuse header injection.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
  public let address: String

  /// Accepts `local@domain` in printable ASCII with no spaces, angle brackets, commas or
  /// quotes; any control character (CR, LF, NUL, …) anywhere refuses it, so no address can add a
  /// header or a command.
  public init(_ text: String) throws(MailError) {
    guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
      throw .invalidAddress(text)
    }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
    let forbidden = Set<Character>([" ", "<", ">", ",", ";", "\"", "\r", "\n", "\t", "(", ")"])
    guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
      !parts[1].hasSuffix("."), trimmed.allSatisfy({ !forbidden.contains($0) && $0.isASCII })
    else { throw .invalidAddress(text) }
    address = trimmed
  }

  public var description: String { address }
}

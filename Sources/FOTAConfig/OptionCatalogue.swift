/// The long options of `fota-report run`, by name without the dashes: what a config file's keys
/// may be, and how each becomes arguments. Made from the command's own description, so that the
/// file and the command line can never disagree.
public struct OptionCatalogue: Sendable {
  /// How an option is written on the command line.
  public enum Kind: Sendable, Equatable {
    /// `--name`, present or absent.
    case flag
    /// `--name VALUE`, once; `repeating` when it may be given several times.
    case option(repeating: Bool)
  }

  /// Every option by name.
  public let kinds: [String: Kind]

  /// Creates a catalogue.
  public init(_ kinds: [String: Kind]) {
    self.kinds = kinds
  }

  /// Reads a command line of these options into settings, in the order given; a repeated
  /// option's values collect into a list. `nil` names an argument it does not know.
  public func settings(from arguments: [String]) -> (settings: [String: ConfigValue], unknown: String?) {
    var settings: [String: ConfigValue] = [:]
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      guard argument.hasPrefix("--") else { return (settings, argument) }
      var name = String(argument.dropFirst(2))
      var inline: String?
      if let equals = name.firstIndex(of: "=") {
        inline = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      switch kinds[name] {
      case nil:
        return (settings, argument)
      case .flag:
        settings[name] = .boolean(true)
      case .option(let repeating):
        guard let value = inline ?? (index < arguments.count ? arguments[index] : nil) else {
          return (settings, argument)
        }
        if inline == nil { index += 1 }
        if repeating, case .list(let earlier)? = settings[name] {
          settings[name] = .list(earlier + [.string(value)])
        } else {
          settings[name] = repeating ? .list([.string(value)]) : .string(value)
        }
      }
    }
    return (settings, nil)
  }

  /// The known name nearest to `key`, when one is near enough to be a slip.
  func suggestion(for key: String, among extra: [String]) -> String? {
    let candidates = Array(kinds.keys) + extra
    let scored = candidates.map { ($0, Self.distance($0, key)) }.filter { $0.1 <= max(2, key.count / 4) }
    return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
  }

  /// Edit distance (insertions, deletions, substitutions) between two short names.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    var previous = Array(0...b.count)
    for i in stride(from: 1, through: a.count, by: 1) {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in stride(from: 1, through: b.count, by: 1) {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }

}

import Foundation
import TOMLKit

/// A config file of many accounts (`run --config FILE`), read and checked: top-level keys are
/// defaults for every account, each `[[account]]` table is one account, and every key is a `run`
/// option's long name, which becomes that option's arguments. Nothing here is checked twice: the
/// arguments are parsed by the `run` command itself, with its own validation.
public struct AccountsFile: Sendable {
  /// Accounts collected at the same time, unless the file says otherwise.
  public static let defaultAccountsAtOnce = 2

  /// Keys that are not `run` options: the file's own.
  public static let ownKeys = ["name", "credentials", "rollup", "rollup-email-to", "accounts-at-once"]
  /// `run` options that apply to the whole run, so they may be set at the top level only.
  public static let topLevelOnly = ["log-level", "log-format", "group-readable", "deadline"]
  /// `run` options a config file cannot set.
  static let refused = [
    "check-config": "give it on the command line, beside --config",
    "account": "each [[account]] table names its account with name", "config": "", "help": "", "version": "",
  ]

  /// The file's path, as given.
  public let path: String
  /// Accounts collected at the same time.
  public var accountsAtOnce = defaultAccountsAtOnce
  /// The fleet roll-up's folder, if any.
  public var rollup: String?
  /// Who gets the roll-up's summary e-mail.
  public var rollupEmailTo: [String] = []
  /// The top level's `run` options, with the command line's over them: the whole run's.
  public var runArguments: [String] = []
  /// Every top-level setting, with the command line's over them, and each one's line.
  private var topLevel: [String: (value: ConfigValue, line: Int?)] = [:]
  /// Every account, in the file's order.
  public var accounts: [Account] = []

  /// One `[[account]]` table: its `run` arguments and where each came from.
  public struct Account: Sendable {
    /// The ThingSpace account.
    public let name: String
    /// The line of its `[[account]]` header.
    public let line: Int
    /// Its `THINGSPACE_*` variables from its `credentials` file; `nil` to use the environment's.
    public let credentials: [String: String]?
    /// The file they came from, if any.
    public let credentialsFile: String?
    /// Its `run` arguments: the top level's, the command line's over them, its own over both.
    public let arguments: [String]
    /// The line each option came from; the command line's have none.
    public let lines: [String: Int]
    /// Its `out`, as written.
    public let out: String
    /// Its client type filter, upper-cased, if any.
    public let clientType: String?
  }

  /// Reads and checks the file at `path`. `commandLine` holds the options given beside
  /// `--config`, which replace the file's top-level keys; `date` (YYYY-MM-DD) fills `{date}`
  /// for an account without `as-of`.
  /// `mailKeys` are the options that only mean something with `email-to` (the sender, the
  /// delivery): set at the top level, they reach only the accounts that have recipients.
  public static func load(
    path: String, options: OptionCatalogue, commandLine: [String: ConfigValue], date: String,
    mailKeys: Set<String> = []
  ) throws(ConfigFileError) -> AccountsFile {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigFileError(path: path, line: nil, "cannot be read")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ConfigFileError(path: path, line: nil, "is not UTF-8 text")
    }
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw ConfigFileError(path: path, line: error.source.begin.line, error.description)
    } catch {
      throw ConfigFileError(path: path, line: nil, "is not TOML: \(error)")
    }
    var file = AccountsFile(path: path)
    try file.read(
      table, lines: KeyLines(text: text), options: options, commandLine: commandLine, date: date,
      mailKeys: mailKeys)
    return file
  }

  private init(path: String) {
    self.path = path
  }

  private mutating func read(
    _ table: TOMLTable, lines: KeyLines, options: OptionCatalogue, commandLine: [String: ConfigValue],
    date: String, mailKeys: Set<String>
  ) throws(ConfigFileError) {
    if let other = lines.otherTables.first {
      throw error(other.line, "unknown table [\(other.name)]: accounts are [[account]] tables")
    }
    // The top level.
    var defaults: [String: (value: ConfigValue, line: Int?)] = [:]
    var accountTables: [TOMLTable] = []
    for key in table.keys {
      let line = lines.topLevel[key]
      if key == "account" {
        guard let array = table[key]?.array, array.allSatisfy({ $0.table != nil }) else {
          throw error(line, "account must be [[account]] tables, one per account")
        }
        accountTables = array.compactMap(\.table)
        continue
      }
      let value = try Self.value(table[key]!, key: key, line: line, path: path)
      switch key {
      case "name":
        throw error(line, "name belongs in each [[account]] table, not at the top level")
      case "rollup":
        rollup = try string(value, key: key, line: line)
      case "rollup-email-to":
        rollupEmailTo = try strings(value, key: key, line: line)
      case "accounts-at-once":
        guard case .integer(let count) = value, count >= 1 else {
          throw error(line, "accounts-at-once must be a whole number, 1 or more")
        }
        accountsAtOnce = count
      default:
        try check(key, line: line, options: options, inAccount: false)
        defaults[key] = (value, line)
      }
    }
    for (key, value) in commandLine { defaults[key] = (value, nil) }
    topLevel = defaults
    if !rollupEmailTo.isEmpty {
      let line = lines.topLevel["rollup-email-to"]
      guard rollup != nil else { throw error(line, "rollup-email-to needs rollup, the roll-up's folder") }
      guard defaults["email-from"] != nil else {
        throw error(
          line, "rollup-email-to needs email-from at the top level, the sender of the roll-up's summary")
      }
    }
    runArguments = try arguments(
      defaults.filter { Self.topLevelOnly.contains($0.key) }, options: options)
    guard !accountTables.isEmpty else {
      throw error(nil, "no [[account]] table: give each account a table with its name and out")
    }
    guard accountTables.count == lines.accounts.count else {
      throw error(nil, "write each account as an [[account]] table of its own")
    }

    // Each account.
    var outs: [String: Int] = [:]
    var identities: [String: Int] = [:]
    var savedPages: [String: Int] = [:]
    for (index, accountTable) in accountTables.enumerated() {
      let header = lines.accounts[index].header
      var settings = defaults.filter { !Self.topLevelOnly.contains($0.key) }
      var name: String?
      for key in accountTable.keys {
        let line = lines.accounts[index].keys[key] ?? header
        let value = try Self.value(accountTable[key]!, key: key, line: line, path: path)
        switch key {
        case "name":
          name = try string(value, key: key, line: line)
        case "rollup", "rollup-email-to", "accounts-at-once":
          throw error(line, "\(key) applies to the whole run; set it at the top level")
        default:
          try check(key, line: line, options: options, inAccount: true)
          settings[key] = (value, line)
        }
      }
      if settings["email-to"] == nil {
        for key in mailKeys where lines.accounts[index].keys[key] == nil { settings.removeValue(forKey: key) }
      }
      guard let name, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw error(header, "this [[account]] has no name (the ThingSpace account, leading zeros included)")
      }
      guard let out = settings["out"] else {
        throw error(header, "account \(name) has no out (its report folder)")
      }
      let outPath = try string(out.value, key: "out", line: out.line)
      let folder = URL(fileURLWithPath: outPath).standardizedFileURL.path
      if let first = outs[folder] {
        throw error(out.line ?? header, "account \(name) has the same out as the account at line \(first)")
      }
      outs[folder] = header
      var clientType: String?
      if let entry = settings["client-type"] {
        clientType = try string(entry.value, key: "client-type", line: entry.line)
      }
      let identity = "\(name)\u{0}\(clientType?.uppercased() ?? "")"
      if let first = identities[identity] {
        throw error(
          header,
          "account \(name)\(clientType.map { " (\($0))" } ?? "") is already the account at line \(first); "
            + "give one of them another client-type")
      }
      identities[identity] = header

      var credentials: [String: String]?
      var credentialsFile: String?
      if let entry = settings.removeValue(forKey: "credentials") {
        let file = try string(entry.value, key: "credentials", line: entry.line)
        credentials = try CredentialsFile.read(file, namedAt: entry.line, in: path)
        credentialsFile = file
      }
      if let pages = settings["save-pages"], case .string(let template) = pages.value {
        // The night's day: its as-of when given, else the run's.
        var day = date
        if case .string(let asOf)? = settings["as-of"]?.value, asOf.count >= 10 {
          day = String(asOf.prefix(10))
        }
        let filled = template.replacingOccurrences(of: "{account}", with: name)
          .replacingOccurrences(of: "{date}", with: day)
        settings["save-pages"] = (.string(filled), pages.line)
        let folder = URL(fileURLWithPath: filled).standardizedFileURL.path
        if let first = savedPages[folder] {
          throw error(
            pages.line ?? header,
            "account \(name) saves its pages where the account at line \(first) does; put {account} in save-pages"
          )
        }
        savedPages[folder] = header
      }
      settings["account"] = (.string(name), header)
      var lineOf: [String: Int] = [:]
      for (key, entry) in settings { if let line = entry.line { lineOf[key] = line } }
      accounts.append(
        Account(
          name: name, line: header, credentials: credentials, credentialsFile: credentialsFile,
          arguments: try arguments(settings, options: options),
          lines: lineOf, out: outPath, clientType: clientType?.uppercased()))
    }
  }

  /// The top level's settings of `keys` (the command line's over the file's) as arguments.
  public func topLevelArguments(_ keys: Set<String>, options: OptionCatalogue) throws(ConfigFileError)
    -> [String]
  {
    try arguments(topLevel.filter { keys.contains($0.key) }, options: options)
  }

  /// The top level's value of `key`, as a string, if set.
  public func topLevelString(_ key: String) -> String? {
    guard case .string(let text)? = topLevel[key]?.value else { return nil }
    return text
  }

  /// Refuses a key that is not a `run` option, or not one this place may set.
  private func check(_ key: String, line: Int?, options: OptionCatalogue, inAccount: Bool)
    throws(ConfigFileError)
  {
    if key == "credentials" { return }
    if let reason = Self.refused[key] {
      throw error(line, "\(key) cannot be set in a config file" + (reason.isEmpty ? "" : ": \(reason)"))
    }
    guard options.kinds[key] != nil else {
      let suggestion = options.suggestion(for: key, among: Self.ownKeys).map { "; did you mean \($0)?" } ?? ""
      throw error(line, "unknown key \(key)\(suggestion)")
    }
    if inAccount && Self.topLevelOnly.contains(key) {
      throw error(line, "\(key) applies to the whole run; set it at the top level")
    }
  }

  /// The command-line arguments of `settings`, sorted by option name.
  private func arguments(_ settings: [String: (value: ConfigValue, line: Int?)], options: OptionCatalogue)
    throws(ConfigFileError) -> [String]
  {
    var arguments: [String] = []
    for (key, entry) in settings.sorted(by: { $0.key < $1.key }) {
      guard let kind = options.kinds[key] else { continue }
      switch (kind, entry.value) {
      case (.flag, .boolean(let on)):
        if on { arguments.append("--\(key)") }
      case (.flag, let value):
        throw error(entry.line, "\(key) is true or false, not \(value.typeName)")
      case (.option, .boolean):
        throw error(entry.line, "\(key) takes a value, not true or false")
      case (.option(let repeating), .list(let values)):
        let texts = try values.map { value throws(ConfigFileError) -> String in
          guard let text = value.argument else { throw error(entry.line, "\(key) is a list of plain values") }
          return text
        }
        if repeating {
          for text in texts { arguments += ["--\(key)", text] }
        } else {
          arguments += ["--\(key)", texts.joined(separator: ",")]
        }
      case (.option, let value):
        arguments += ["--\(key)", value.argument ?? ""]
      }
    }
    return arguments
  }

  private func string(_ value: ConfigValue, key: String, line: Int?) throws(ConfigFileError) -> String {
    guard case .string(let text) = value else {
      throw error(line, "\(key) is a string, not \(value.typeName)")
    }
    return text
  }

  private func strings(_ value: ConfigValue, key: String, line: Int?) throws(ConfigFileError) -> [String] {
    switch value {
    case .string(let text): return [text]
    case .list(let values):
      return try values.map { value throws(ConfigFileError) -> String in
        try string(value, key: key, line: line)
      }
    default: throw error(line, "\(key) is a list of strings, not \(value.typeName)")
    }
  }

  private func error(_ line: Int?, _ message: String) -> ConfigFileError {
    ConfigFileError(path: path, line: line, message)
  }

  /// A TOML value in the types options take; tables, dates and times are refused.
  private static func value(_ node: any TOMLValueConvertible, key: String, line: Int?, path: String)
    throws(ConfigFileError) -> ConfigValue
  {
    switch node.type {
    case .string: return .string(node.string ?? "")
    case .int: return .integer(node.int ?? 0)
    case .double: return .number(node.double ?? 0)
    case .bool: return .boolean(node.bool ?? false)
    case .array:
      var values: [ConfigValue] = []
      for element in node.array ?? TOMLArray() {
        let value = try value(element, key: key, line: line, path: path)
        if case .list = value {
          throw ConfigFileError(path: path, line: line, "\(key) is a list of plain values")
        }
        values.append(value)
      }
      return .list(values)
    case .table:
      throw ConfigFileError(path: path, line: line, "\(key) is a table; options take plain values")
    case .date, .time, .dateTime:
      throw ConfigFileError(
        path: path, line: line, "\(key) is a date; write it as a string, like \"2026-11-01\"")
    }
  }
}

import ArgumentParser
import FOTAConfig
import Foundation

extension OptionCatalogue {
  /// The long options of `fota-report run`, read from the command's own description (the one
  /// `--help` prints), so that a config file accepts exactly what the command line does.
  static let run = of(RunCommand.self)

  /// The long options of `type`, read from its own description.
  static func of(_ type: any ParsableArguments.Type) -> OptionCatalogue {
    struct ToolInfo: Decodable {
      struct Command: Decodable { var arguments: [Argument]? }
      struct Argument: Decodable {
        var kind: String
        var names: [Name]?
        var isRepeating: Bool?
      }
      struct Name: Decodable {
        var kind: String
        var name: String
      }
      var command: Command
    }
    let info = try? JSONDecoder().decode(ToolInfo.self, from: Data(type._dumpHelp().utf8))
    var kinds: [String: OptionCatalogue.Kind] = [:]
    for argument in info?.command.arguments ?? [] {
      guard let name = argument.names?.first(where: { $0.kind == "long" })?.name,
        !["config", "help", "version"].contains(name)
      else { continue }
      switch argument.kind {
      case "flag": kinds[name] = .flag
      case "option": kinds[name] = .option(repeating: argument.isRepeating ?? false)
      default: continue
      }
    }
    return OptionCatalogue(kinds)
  }
}

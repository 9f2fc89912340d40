/// A value of the config file, in the types the `run` options take.
public enum ConfigValue: Sendable, Equatable {
  case string(String)
  case integer(Int)
  case number(Double)
  case boolean(Bool)
  case list([ConfigValue])

  /// The value as one command-line argument; `nil` for a list or a boolean.
  var argument: String? {
    switch self {
    case .string(let text): text
    case .integer(let number): String(number)
    case .number(let number):
      number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    case .boolean, .list: nil
    }
  }

  /// What a person calls this type of value.
  var typeName: String {
    switch self {
    case .string: "a string"
    case .integer: "an integer"
    case .number: "a number"
    case .boolean: "true or false"
    case .list: "a list"
    }
  }
}

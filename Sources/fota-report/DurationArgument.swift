import ArgumentParser
import FOTAModel
import Foundation

/// A duration on the command line: a whole number with `s`, `m`, `min` or `h` (`6h`, `90m`,
/// `45s`); a bare number is seconds; `0` is none.
struct DurationArgument: ExpressibleByArgument, Equatable {
  /// The duration, or `nil` for `0` (no limit).
  let duration: Duration?

  init(duration: Duration?) {
    self.duration = duration
  }

  init?(argument: String) {
    let text = argument.lowercased()
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, digits.count <= 9, let value = Int64(digits) else { return nil }
    let unit: Int64
    switch text.dropFirst(digits.count) {
    case "", "s": unit = 1
    case "m", "min": unit = 60
    case "h": unit = 3_600
    default: return nil
    }
    duration = value == 0 ? nil : .seconds(value * unit)
  }

  var defaultValueDescription: String { duration?.spoken.replacingOccurrences(of: " ", with: "") ?? "0" }
}

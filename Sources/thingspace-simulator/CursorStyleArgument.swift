import ArgumentParser
import FOTAFleet

/// `--cursor number|string|alternating`.
struct CursorStyleArgument: ExpressibleByArgument {
  let style: CursorStyle

  init(style: CursorStyle) {
    self.style = style
  }

  init?(argument: String) {
    guard let style = CursorStyle(rawValue: argument) else { return nil }
    self.style = style
  }

  static var allValueStrings: [String] { CursorStyle.allCases.map(\.rawValue) }
  var defaultValueDescription: String { style.rawValue }
}

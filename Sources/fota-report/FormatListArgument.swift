import ArgumentParser
import FOTARender
import Foundation

/// `--formats csv,html`.
struct FormatListArgument: ExpressibleByArgument {
  let formats: [ReportFormat]

  init(formats: [ReportFormat]) {
    self.formats = formats
  }

  init?(argument: String) {
    let parts = argument.split(separator: ",").map {
      ReportFormat(rawValue: $0.trimmingCharacters(in: .whitespaces).lowercased())
    }
    guard !parts.isEmpty, !parts.contains(where: { $0 == nil }) else { return nil }
    formats = parts.compactMap { $0 }
  }

  var defaultValueDescription: String { formats.map(\.rawValue).joined(separator: ",") }
}

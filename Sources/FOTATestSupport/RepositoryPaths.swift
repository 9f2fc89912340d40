import Foundation

/// Paths inside this repository, for tests.
public enum RepositoryPaths {
  /// The repository root (found from this file's location).
  public static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `Templates/`.
  public static var templates: URL { root.appendingPathComponent("Templates") }

  /// `Reports/example/`.
  public static var example: URL { root.appendingPathComponent("Reports/example") }

  /// The built `fota-report` executable beside the test bundle.
  public static var executable: URL { executable(named: "fota-report") }

  /// The built `thingspace-simulator` executable beside the test bundle.
  public static var simulatorExecutable: URL { executable(named: "thingspace-simulator") }

  /// A built executable of this package: beside the test bundle, or in `.build/debug|release`.
  public static func executable(named name: String) -> URL {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent(name)
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    for configuration in ["debug", "release"] {
      let candidate = root.appendingPathComponent(".build/\(configuration)/\(name)")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return beside
  }
}

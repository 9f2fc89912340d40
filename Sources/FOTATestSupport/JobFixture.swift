import FOTAJob
import Foundation
import Logging

/// Runs the job in process into a temporary folder.
public struct JobFixture: Sendable {
  public static let asOf: Int64 = 1_793_491_200_000  // 2026-11-01T00:00:00Z

  public let directory: TemporaryDirectory
  public var output: URL { directory.path("report") }

  public init() throws {
    directory = try TemporaryDirectory()
  }

  public static var logger: Logger {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return logger
  }

  public func configuration(_ source: RunConfiguration.Source) -> RunConfiguration {
    RunConfiguration(
      source: source, output: output, asOf: Self.asOf, templates: RepositoryPaths.templates)
  }

  @discardableResult
  public func run(_ configuration: RunConfiguration) async throws -> RunOutcome {
    try await ReportJob(configuration: configuration, logger: Self.logger).run()
  }

  /// Writes page bodies as `page-00001.json`, … and returns their folder.
  public func writePages(_ bodies: [String], folder: String = "pages") throws -> URL {
    let url = directory.path(folder)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    for (index, body) in bodies.enumerated() {
      try Data(body.utf8).write(to: url.appendingPathComponent(String(format: "page-%05d.json", index + 1)))
    }
    return url
  }

  public func text(_ name: String) throws -> String {
    try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)
  }

  public func remove() { directory.remove() }
}

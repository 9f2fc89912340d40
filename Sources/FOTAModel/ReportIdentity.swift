import Foundation

/// How a report folder says it is one of ours: a `run.json` whose `tool` is `fota-report`; and
/// which history run it belongs to.
public struct ReportIdentity: Decodable, Sendable, Equatable {
  /// The tool's name, as `run.json` records it.
  public static let tool = "fota-report"
  /// The file that marks a report folder.
  public static let recordFile = "run.json"

  /// `tool` in `run.json`.
  public var tool: String
  /// `historyRunId` in `run.json`: the history run the report belongs to, when it was recorded.
  public var historyRunId: Int64?

  /// The identity `folder`'s `run.json` states, when it is a report of this tool.
  public static func read(_ folder: URL) -> ReportIdentity? {
    guard let data = try? Data(contentsOf: folder.appendingPathComponent(recordFile)),
      let identity = try? JSONDecoder().decode(ReportIdentity.self, from: data), identity.tool == tool
    else { return nil }
    return identity
  }
}

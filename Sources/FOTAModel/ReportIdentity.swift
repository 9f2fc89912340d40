/// How a report folder says it is one of ours: a `run.json` whose `tool` is `fota-report`.
public enum ReportIdentity {
  /// The tool's name, as `run.json` records it.
  public static let tool = "fota-report"
  /// The file that marks a report folder.
  public static let recordFile = "run.json"
}

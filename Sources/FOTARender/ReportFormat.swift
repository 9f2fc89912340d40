/// The report formats a run can write; `run.json` is always written.
public enum ReportFormat: String, Sendable, CaseIterable, Codable {
  case csv
  case html
  case xml
  case xlsx
}

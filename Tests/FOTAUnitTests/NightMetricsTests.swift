import FOTAModel
import FOTAPublish
import Foundation
import Testing

/// The metrics file's text: tonight's samples; a failed night keeps the last success and the
/// fleet figures; other accounts' lines stay; label values are escaped.
@Suite("night metrics")
struct NightMetricsTests {
  static func published(account: String = "0242078698-00001", started: Double = 1_796_227_364.25)
    -> NightMetrics
  {
    var metrics = NightMetrics(
      account: account, clientType: nil, started: started, runSeconds: 12.5, exitCode: 0)
    metrics.stageSeconds = [("collect", 10), ("render", 2.5)]
    metrics.fleet = .init(
      devices: 2_987, fotaCapable: 2_051, readyToUpgrade: 970, dataProblems: 151, changedDevices: 4)
    var http = HTTPFigures()
    http.requests = 12
    http.retries["timeout"] = 2
    metrics.http = http
    return metrics
  }

  static func value(_ text: String, _ name: String, account: String = "0242078698-00001") -> String? {
    text.split(separator: "\n").first { $0.hasPrefix("\(name){account=\"\(account)\",client_type=\"all\"}") }
      .map { String($0.split(separator: " ").last!) }
  }

  @Test("a published night: every family once, with HELP and TYPE, in base units")
  func published() {
    let text = Self.published().render(previous: nil)
    #expect(Self.value(text, "fota_report_last_success_timestamp_seconds") == "1796227364.250")
    #expect(Self.value(text, "fota_report_last_run_exit_code") == "0")
    #expect(Self.value(text, "fota_report_devices") == "2987")
    #expect(Self.value(text, "fota_report_ready_to_upgrade_devices") == "970")
    #expect(Self.value(text, "fota_report_changed_devices") == "4")
    #expect(
      text.contains(
        "fota_report_http_requests_total{account=\"0242078698-00001\",client_type=\"all\",outcome=\"ok\"} 10\n"
      ))
    #expect(
      text.contains(
        "fota_report_http_retries_total{account=\"0242078698-00001\",client_type=\"all\",cause=\"timeout\"} 2\n"
      ))
    #expect(text.contains("stage=\"render\"} 2.500\n"))
    #expect(text.components(separatedBy: "# TYPE fota_report_devices gauge\n").count == 2)
    #expect(text.contains("# TYPE fota_report_http_requests_total counter\n"))
  }

  @Test("a failed night updates its run and keeps the last success's figures; other accounts stay")
  func failedKeeps() {
    let other = Self.published(account: "0242078698-00002", started: 1_796_000_000).render(previous: nil)
    let last = Self.published().render(previous: other)
    let failed = NightMetrics(
      account: "0242078698-00001", clientType: nil, started: 1_796_313_764, runSeconds: 3, exitCode: 1)
    let text = failed.render(previous: last)
    #expect(Self.value(text, "fota_report_last_run_exit_code") == "1")
    #expect(Self.value(text, "fota_report_last_run_timestamp_seconds") == "1796313764")
    #expect(Self.value(text, "fota_report_last_success_timestamp_seconds") == "1796227364.250")
    #expect(Self.value(text, "fota_report_devices") == "2987")
    #expect(Self.value(text, "fota_report_stage_duration_seconds") == nil)
    // The other account's lines are untouched.
    for line in other.split(separator: "\n") where !line.hasPrefix("#") { #expect(text.contains(line)) }
    // Tonight's run replaces the last one's: one exit code per account.
    #expect(
      text.components(separatedBy: "fota_report_last_run_exit_code{account=\"0242078698-00001\"").count == 2)
  }

  @Test("label values are escaped as the text format says")
  func escaping() {
    let metrics = NightMetrics(
      account: "a\"b\\c\nd", clientType: "LWM2M", started: 0, runSeconds: 0, exitCode: 1)
    #expect(
      metrics.render(previous: nil).contains(
        "fota_report_last_run_exit_code{account=\"a\\\"b\\\\c\\nd\",client_type=\"LWM2M\"} 1\n"))
  }
}

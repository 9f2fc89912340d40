import FOTAModel
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One night's figures for monitoring, as a file in the Prometheus text format for
/// node_exporter's textfile collector: written beside its destination and renamed into place,
/// mode 0644 (it holds no phone number).
///
/// A night that published nothing rewrites the file too: its last run and exit code change, while
/// the last success and the fleet figures are kept from the previous file, so an alert on a stale
/// `fota_report_last_success_timestamp_seconds` fires. Lines of other accounts or client types in
/// the file are kept as they are.
public struct NightMetrics: Sendable {
  /// The ThingSpace account (label `account`).
  public var account: String
  /// The client type filter, `all` for none (label `client_type`).
  public var clientType: String
  /// When the run started, in seconds since 1970.
  public var started: Double
  /// How long the run took, in seconds.
  public var runSeconds: Double
  /// The command's exit code.
  public var exitCode: Int32
  /// Seconds per stage, in the order they ran.
  public var stageSeconds: [(stage: String, seconds: Double)] = []
  /// What a published night counted; `nil` when nothing was published.
  public var fleet: Fleet?
  /// Requests and retries, when the night spoke HTTP.
  public var http: HTTPFigures?

  /// What a published night counted.
  public struct Fleet: Sendable, Equatable {
    public var devices: Int
    public var fotaCapable: Int
    /// Devices planned for an upgrade, when planning ran.
    public var readyToUpgrade: Int?
    public var dataProblems: Int
    /// Devices that changed since the last recorded night, when history is kept.
    public var changedDevices: Int?

    public init(devices: Int, fotaCapable: Int, readyToUpgrade: Int?, dataProblems: Int, changedDevices: Int?)
    {
      self.devices = devices
      self.fotaCapable = fotaCapable
      self.readyToUpgrade = readyToUpgrade
      self.dataProblems = dataProblems
      self.changedDevices = changedDevices
    }
  }

  /// Creates the figures of one run.
  public init(account: String, clientType: String?, started: Double, runSeconds: Double, exitCode: Int32) {
    self.account = account
    self.clientType = clientType ?? "all"
    self.started = started
    self.runSeconds = runSeconds
    self.exitCode = exitCode
  }

  // MARK: The file

  /// A metric family: its name, help text and type.
  struct Family {
    var name: String
    var help: String
    var type: String
    /// Kept from the previous file when tonight published nothing.
    var keptOnFailure = false
  }

  /// Every family, in the order the file lists them.
  static let families: [Family] = [
    Family(
      name: "fota_report_last_success_timestamp_seconds",
      help: "When a night last published its report (seconds since 1970).", type: "gauge", keptOnFailure: true
    ),
    Family(
      name: "fota_report_last_run_timestamp_seconds",
      help: "When the last night started (seconds since 1970).",
      type: "gauge"),
    Family(
      name: "fota_report_last_run_exit_code",
      help: "The last night's exit code: 0 published, 1 failed, 3 mail not sent, 4 history not written, "
        + "64 refused, 75 busy, 128+N stopped by signal N.", type: "gauge"),
    Family(name: "fota_report_run_duration_seconds", help: "How long the last night took.", type: "gauge"),
    Family(
      name: "fota_report_stage_duration_seconds", help: "How long each stage of the last night took.",
      type: "gauge"),
    Family(
      name: "fota_report_devices", help: "Devices in the last published report.", type: "gauge",
      keptOnFailure: true),
    Family(
      name: "fota_report_fota_capable_devices", help: "FOTA-capable devices in the last published report.",
      type: "gauge", keptOnFailure: true),
    Family(
      name: "fota_report_ready_to_upgrade_devices",
      help: "Devices planned for an upgrade in the last published report.", type: "gauge", keptOnFailure: true
    ),
    Family(
      name: "fota_report_data_problems", help: "Records with data problems in the last published report.",
      type: "gauge", keptOnFailure: true),
    Family(
      name: "fota_report_changed_devices",
      help: "Devices changed since the night before, in the last published report.", type: "gauge",
      keptOnFailure: true),
    Family(
      name: "fota_report_http_requests_total", help: "HTTP requests the last night sent, by outcome.",
      type: "counter"),
    Family(
      name: "fota_report_http_retries_total", help: "HTTP requests the last night retried, by cause.",
      type: "counter"),
  ]

  /// Tonight's samples: family name → (extra labels, value).
  private var samples: [String: [(labels: [(String, String)], value: Double)]] {
    var samples: [String: [(labels: [(String, String)], value: Double)]] = [:]
    func add(_ name: String, _ value: Double, _ labels: [(String, String)] = []) {
      samples[name, default: []].append((labels, value))
    }
    add("fota_report_last_run_timestamp_seconds", started)
    add("fota_report_last_run_exit_code", Double(exitCode))
    add("fota_report_run_duration_seconds", runSeconds)
    for (stage, seconds) in stageSeconds {
      add("fota_report_stage_duration_seconds", seconds, [("stage", stage)])
    }
    if let fleet {
      add("fota_report_last_success_timestamp_seconds", started)
      add("fota_report_devices", Double(fleet.devices))
      add("fota_report_fota_capable_devices", Double(fleet.fotaCapable))
      if let ready = fleet.readyToUpgrade { add("fota_report_ready_to_upgrade_devices", Double(ready)) }
      add("fota_report_data_problems", Double(fleet.dataProblems))
      if let changed = fleet.changedDevices { add("fota_report_changed_devices", Double(changed)) }
    }
    if let http {
      add("fota_report_http_requests_total", Double(http.requests - http.totalRetries), [("outcome", "ok")])
      add("fota_report_http_requests_total", Double(http.totalRetries), [("outcome", "retried")])
      for (cause, count) in http.retries.sorted(by: { $0.key < $1.key }) {
        add("fota_report_http_retries_total", Double(count), [("cause", cause)])
      }
    }
    return samples
  }

  /// The file's text: tonight's samples, and from `previous` (the file as it was) the lines of
  /// other accounts and, when tonight published nothing, this account's kept figures.
  public func render(previous: String?) -> String {
    let ours = "account=\"\(Self.escape(account))\",client_type=\"\(Self.escape(clientType))\""
    var lines: [String: [String]] = [:]
    for sample in Self.samples(in: previous ?? "") {
      guard let family = Self.families.first(where: { $0.name == sample.name }) else { continue }
      let isOurs = sample.labels == ours || sample.labels.hasPrefix(ours + ",")
      if !isOurs || (fleet == nil && family.keptOnFailure) {
        lines[sample.name, default: []].append(sample.line)
      }
    }
    for (name, values) in samples {
      for (labels, value) in values {
        let extra = labels.map { ",\($0.0)=\"\(Self.escape($0.1))\"" }.joined()
        lines[name, default: []].append("\(name){\(ours)\(extra)} \(Self.number(value))")
      }
    }
    var text = ""
    for family in Self.families {
      guard let familyLines = lines[family.name], !familyLines.isEmpty else { continue }
      text += "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) \(family.type)\n"
      for line in familyLines.sorted() { text += line + "\n" }
    }
    return text
  }

  /// Writes the file at `url` atomically (beside it, then renamed), mode 0644, merged with what
  /// it held.
  public func write(to url: URL) throws(FileError) {
    let previous = try? String(contentsOf: url, encoding: .utf8)
    let data = Data(render(previous: previous).utf8)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(getpid())")
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: temporary)
      guard chmod(temporary.path, 0o644) == 0 else {
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
      }
      guard rename(temporary.path, url.path) == 0 else {
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw FileError("write", url.path, error)
    }
  }

  // MARK: Text

  /// The sample lines of a file in the text format: name, the labels' text, the whole line.
  static func samples(in text: String) -> [(name: String, labels: String, line: String)] {
    text.split(separator: "\n").compactMap { line in
      guard !line.hasPrefix("#"), let brace = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}"),
        brace < close
      else { return nil }
      let name = String(line[..<brace])
      let labels = String(line[line.index(after: brace)..<close])
      return (name, labels, String(line))
    }
  }

  /// A label value escaped as the format says: backslash, double quote and line feed.
  static func escape(_ value: String) -> String {
    value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      .replacingOccurrences(of: "\n", with: "\\n")
  }

  /// A value: whole numbers as integers, others with milliseconds' precision.
  static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(format: "%.3f", value)
  }
}

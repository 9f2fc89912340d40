import FOTAModel

/// Writes the grouped CSV files, and with history `changes.csv` and `trend.csv`; `devices.csv`
/// is written by ``DevicesCSV`` as the devices pass.
public struct SummaryCSVFiles: ReportOutput {
  public var name: String { "CSV" }

  /// Creates the output.
  public init() {}

  /// The output, when the night asks for CSV.
  public static func open(_ request: OutputRequest) -> (any ReportOutput)? {
    request.formats.contains(.csv) ? Self() : nil
  }

  public func complete(_ report: ReportModel, into folder: ReportFolder) throws {
    try writeModelFirmware(report.summary, folder)
    try writeModels(report.summary, folder)
    try writeFirmware(report.summary, folder)
    try writeReadiness(report.summary, folder)
    try writeUpgradeAge(report.summary, folder)
    if let delta = report.delta { try writeChanges(delta, folder) }
    if let trends = report.trends { try writeTrends(trends, folder) }
  }

  private func writeTrends(_ trends: FleetTrends, _ folder: ReportFolder) throws {
    try folder.write("trend.csv") { out in
      out.writeRow([
        "night", "make", "model", "firmware", "devices", "modelDevices", "sharePercent", "newestFirmware",
      ])
      for model in trends.models {
        let points = model.points.sorted {
          ($0.night, $1.devices, $0.firmware) < ($1.night, $0.devices, $1.firmware)
        }
        for point in points {
          out.writeRow([
            point.night, model.model.make, model.model.model, point.firmware, String(point.devices),
            String(point.modelDevices), Figures.percent(point.devices, of: point.modelDevices),
            String(point.firmware == model.newestFirmware),
          ])
        }
      }
    }
  }

  /// Column names of `changes.csv`.
  public static let changeColumns = ["deviceId", "make", "model", "change", "before", "after"]

  private func writeChanges(_ delta: FleetDelta, _ folder: ReportFolder) throws {
    try folder.write("changes.csv") { $0.write(Self.changesTable(delta)) }
  }

  /// `changes.csv`, as text: for the report folder and the e-mail alike.
  public static func changesTable(_ delta: FleetDelta) -> String {
    var bytes: [UInt8] = []
    CSVRow.append(changeColumns, to: &bytes)
    for change in delta.changes {
      CSVRow.append(
        [change.deviceId, change.make, change.model, change.kind.rawValue, change.before, change.after],
        to: &bytes)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private func writeModelFirmware(_ summary: FleetSummary, _ folder: ReportFolder) throws {
    try folder.write("by-model-firmware.csv") { $0.write(Self.modelFirmwareTable(summary)) }
  }

  /// `by-model-firmware.csv`, as text: for the report folder and the e-mail alike.
  public static func modelFirmwareTable(_ summary: FleetSummary) -> String {
    var bytes: [UInt8] = []
    CSVRow.append(
      ["make", "model", "firmware", "devices", "fotaEligible", "licenseAssigned", "ready", "neverUpgraded"],
      to: &bytes)
    for (key, counts) in summary.modelFirmwareRows {
      CSVRow.append(
        [key.model.make, key.model.model, key.firmware]
          + [counts.devices, counts.fotaEligible, counts.licenseAssigned, counts.ready, counts.neverUpgraded]
          .map(String.init), to: &bytes)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private func writeModels(_ summary: FleetSummary, _ folder: ReportFolder) throws {
    try folder.write("by-model.csv") { out in
      out.writeRow(
        ["make", "model", "firmwareVersions"] + Self.countColumns + ["latestUpgrade"])
      for (key, counts) in summary.modelsBySize {
        let versions = summary.firmware(of: key).count
        out.writeRow(
          [key.make, key.model, String(versions)] + Self.countCells(counts)
            + [counts.latestUpgrade.map(CivilCalendar.iso8601(milliseconds:)) ?? ""])
      }
    }
  }

  private func writeFirmware(_ summary: FleetSummary, _ folder: ReportFolder) throws {
    var models: [String: Int] = [:]
    for key in summary.byModelFirmware.keys { models[key.firmware, default: 0] += 1 }
    try folder.write("by-firmware.csv") { out in
      out.writeRow(["firmware", "models"] + Self.countColumns + ["latestUpgrade"])
      for (firmware, counts) in summary.firmwareBySize {
        out.writeRow(
          [firmware, String(models[firmware] ?? 0)] + Self.countCells(counts)
            + [counts.latestUpgrade.map(CivilCalendar.iso8601(milliseconds:)) ?? ""])
      }
    }
  }

  private func writeReadiness(_ summary: FleetSummary, _ folder: ReportFolder) throws {
    let total = summary.totals.devices
    var rows: [(String, String, GroupCounts)] = []
    rows += summary.readinessRows.map { ("readiness", $0.key.rawValue, $0.counts) }
    rows += FleetSummary.booleanRows(summary.byEligibility).map {
      ("fotaEligible", String($0.key), $0.counts)
    }
    rows += FleetSummary.booleanRows(summary.byLicense).map {
      ("licenseAssigned", String($0.key), $0.counts)
    }
    rows += summary.clientTypesBySize.map { ("clientType", $0.key, $0.counts) }
    rows += summary.statusesBySize.map { ("status", $0.key, $0.counts) }
    try folder.write("readiness.csv") { out in
      out.writeRow(["dimension", "value", "percentOfFleet"] + Self.countColumns)
      for (dimension, value, counts) in rows {
        out.writeRow(
          [dimension, value, Figures.percent(counts.devices, of: total)]
            + Self.countCells(counts))
      }
    }
  }

  private func writeUpgradeAge(_ summary: FleetSummary, _ folder: ReportFolder) throws {
    let total = summary.totals.devices
    try folder.write("upgrade-age.csv") { out in
      out.writeRow(
        ["bucket", "label", "devices", "percentOfFleet", "fotaEligible", "licenseAssigned", "ready"])
      for (bucket, counts) in summary.upgradeAgeRows {
        out.writeRow(
          [
            bucket.rawValue, bucket.label, String(counts.devices),
            Figures.percent(counts.devices, of: total),
          ]
            + [counts.fotaEligible, counts.licenseAssigned, counts.ready].map(String.init))
      }
    }
  }

  /// The count columns shared by the grouped files.
  static let countColumns = [
    "devices", "fotaEligible", "licenseAssigned", "ready", "needsLicense", "ineligible",
    "readyPercent", "upgraded", "neverUpgraded", "unknownUpgrade", "invalidUpgrade",
  ]

  static func countCells(_ counts: GroupCounts) -> [String] {
    [
      counts.devices, counts.fotaEligible, counts.licenseAssigned, counts.ready,
      counts.needsLicense, counts.ineligible,
    ].map(String.init) + [Figures.percent(counts.ready, of: counts.devices)]
      + [counts.upgraded, counts.neverUpgraded, counts.unknownUpgrade, counts.invalidUpgrade]
      .map(String.init)
  }
}

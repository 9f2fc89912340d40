import FOTAAggregate
import FOTANormalise

/// Writes `devices.csv` and the grouped CSV files.
public struct CSVReportRenderer: ReportRenderer {
  public var name: String { "CSV" }

  /// Creates the renderer.
  public init() {}

  public func render(_ report: FleetReport, into folder: ReportFolder) throws {
    try writeDevices(report, folder)
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
    try folder.write("changes.csv") { out in
      out.writeRow(Self.changeColumns)
      for change in delta.changes {
        out.writeRow([
          change.deviceId, change.make, change.model, change.kind.rawValue, change.before, change.after,
        ])
      }
    }
  }

  /// Column names of `devices.csv`.
  public static let deviceColumns = [
    "deviceId", "mdn", "make", "model", "firmware", "clientType", "status", "fotaEligible",
    "licenseAssigned", "readiness", "upgradeState", "upgradeTime", "upgradeAgeDays",
    "upgradeTimeRaw",
  ]

  private func writeDevices(_ report: FleetReport, _ folder: ReportFolder) throws {
    let asOf = report.summary.asOf
    try folder.write("devices.csv") { out in
      out.writeRow(Self.deviceColumns)
      for device in report.devices {
        out.writeRow(
          [
            device.deviceId, device.mdn, device.make, device.model, device.firmware,
            device.clientType, device.status, String(device.fotaEligible),
            String(device.licenseAssigned), Readiness(device).rawValue,
            device.upgrade.state.rawValue, device.upgrade.iso8601,
            UpgradeAgeBucket.ageDays(device.upgrade, asOf: asOf).map(String.init) ?? "",
            device.upgrade.raw ?? "",
          ])
      }
    }
  }

  private func writeModelFirmware(_ summary: FleetSummary, _ folder: ReportFolder) throws {
    try folder.write("by-model-firmware.csv") { out in
      out.writeRow(
        [
          "make", "model", "firmware", "devices", "fotaEligible", "licenseAssigned", "ready",
          "neverUpgraded",
        ])
      for (key, counts) in summary.modelFirmwareRows {
        out.writeRow(
          [key.model.make, key.model.model, key.firmware]
            + [
              counts.devices, counts.fotaEligible, counts.licenseAssigned, counts.ready,
              counts.neverUpgraded,
            ].map(String.init))
      }
    }
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

import FOTAPlan
import ThingSpaceAPI

/// `campaign-outcomes.csv` (one row per upgrade ThingSpace reported tonight, its devices counted
/// by outcome) and `campaign-devices.csv` (every device entry of those upgrades: IMEI, upgrade,
/// status, reason; never a phone number), when the upgrade reports were read.
public struct CampaignOutcomeFiles: ReportOutput {
  /// Column names of `campaign-outcomes.csv`.
  public static let outcomeColumns = [
    "upgradeId", "status", "firmwareName", "firmwareTo", "startDate", "endDate", "devices", "succeeded",
    "failed", "inProgress", "pending", "other",
  ]
  /// Column names of `campaign-devices.csv`.
  public static let deviceColumns = ["deviceId", "upgradeId", "status", "reason"]

  public var name: String { "campaign outcome files" }

  /// Creates the output.
  public init() {}

  /// The output, when the night is planned (it writes nothing when the reports were not read).
  public static func open(_ request: OutputRequest) -> (any ReportOutput)? {
    request.planning ? Self() : nil
  }

  public func complete(_ report: ReportModel, into folder: ReportFolder) throws {
    guard let outcomes = report.planning?.outcomes else { return }
    try folder.write("campaign-outcomes.csv") { out in
      out.writeRow(Self.outcomeColumns)
      for outcome in outcomes.outcomes {
        let upgrade = outcome.upgrade
        out.writeRow(
          [
            upgrade.id, outcome.status.name, upgrade.firmwareName, upgrade.firmwareTo, upgrade.startDate,
            upgrade.endDate ?? "", String(outcome.deviceCount),
          ] + UpgradeStatus.DeviceOutcome.allCases.map { String(outcome.devices[$0] ?? 0) })
      }
    }
    try folder.write("campaign-devices.csv") { out in
      out.writeRow(Self.deviceColumns)
      for outcome in outcomes.outcomes {
        for entry in outcome.upgrade.deviceList {
          out.writeRow([entry.deviceId, outcome.upgrade.id, entry.status, entry.resultReason ?? ""])
        }
      }
    }
  }
}

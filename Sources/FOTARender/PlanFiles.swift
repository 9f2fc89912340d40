import FOTAModel
import FOTANightDevices

/// The per-device planning files: `upgrade-plan.csv` (each device's plan, read from the spool,
/// never planned again) and `license-reclaim.csv` (licenses held by ineligible devices).
public enum PlanFiles {
  /// Column names of `upgrade-plan.csv`.
  public static let planColumns = [
    "deviceId", "make", "model", "clientType", "firmware", "plan", "nextFirmware", "firmwareName",
    "newestFirmware", "hops", "lastUpgradeId", "lastUpgradeStatus", "lastUpgradeReason",
  ]
  /// Column names of `license-reclaim.csv`.
  public static let reclaimColumns = ["deviceId", "make", "model", "firmware", "status"]
  /// Opens `upgrade-plan.csv` when the night is planned.
  public static func openUpgradePlan(_ request: OutputRequest) throws -> (any ReportOutput)? {
    guard request.planning else { return nil }
    return try DeviceCSVFile(
      folder: request.folder, name: "upgrade-plan.csv", columns: planColumns, formatter: PlanRows(),
      needsPlan: true)
  }

  /// Opens `license-reclaim.csv` when the night is planned.
  public static func openLicenseReclaim(_ request: OutputRequest) throws -> (any ReportOutput)? {
    guard request.planning else { return nil }
    return try DeviceCSVFile(
      folder: request.folder, name: "license-reclaim.csv", columns: reclaimColumns, formatter: ReclaimRows(),
      needsPlan: true)
  }

  /// A device's `upgrade-plan.csv` row, when it has a plan, written straight into the bytes (it
  /// runs for every device): the report folder's file and the e-mail's attachment.
  public struct PlanRows: DeviceRowFormatter {
    public init() {}

    public func format(_ record: PlannedDevice, into bytes: inout [UInt8]) {
      guard let plan = record.plan else { return }
      let device = record.device
      let path = plan.path
      func cell(_ value: String?) {
        if let value { CSVRow.appendCell(value, to: &bytes) }
        CSVRow.appendSeparator(to: &bytes)
      }
      cell(device.deviceId)
      cell(device.make)
      cell(device.model)
      cell(device.clientType)
      cell(device.firmware)
      cell(plan.status.rawValue)
      cell(path?.nextFirmware)
      cell(path?.firmwareName)
      cell(path?.newestFirmware)
      if let hops = path?.hops { CSVRow.appendCell(Int64(hops), to: &bytes) }
      CSVRow.appendSeparator(to: &bytes)
      let last = plan.lastUpgrade
      cell(last?.upgradeId)
      cell(last?.deviceStatus)
      if let reason = last?.reason { CSVRow.appendCell(reason, to: &bytes) }
      CSVRow.endRecord(&bytes)
    }
  }

  /// A device's `license-reclaim.csv` row, when it holds a license it cannot use.
  struct ReclaimRows: DeviceRowFormatter {
    func format(_ record: PlannedDevice, into bytes: inout [UInt8]) {
      let device = record.device
      guard device.licenseAssigned && !device.fotaEligible else { return }
      CSVRow.append([device.deviceId, device.make, device.model, device.firmware, device.status], to: &bytes)
    }
  }
}

import FOTAModel

/// Writes `devices.csv`: one row per device, for the ops team (it holds phone numbers).
public final class DevicesCSVWriter: DeviceRowWriter {
  /// Column names of `devices.csv`.
  public static let columns = [
    "deviceId", "mdn", "make", "model", "firmware", "clientType", "status", "fotaEligible",
    "licenseAssigned", "readiness", "upgradeState", "upgradeTime", "upgradeAgeDays", "upgradeTimeRaw",
  ]

  private let folder: ReportFolder
  private var output: FileOutput
  private let asOf: Int64

  public var name: String { "devices.csv" }

  /// Opens `devices.csv` in `folder`; ages are measured against `asOf`.
  public init(folder: ReportFolder, asOf: Int64) throws {
    self.folder = folder
    self.asOf = asOf
    output = try folder.open("devices.csv")
    output.writeRow(Self.columns)
  }

  public func write(_ record: PlannedDevice) throws {
    let device = record.device
    output.writeRow([
      device.deviceId, device.mdn, device.make, device.model, device.firmware, device.clientType,
      device.status,
      String(device.fotaEligible), String(device.licenseAssigned), Readiness(device).rawValue,
      device.upgrade.state.rawValue, device.upgrade.iso8601,
      UpgradeAgeBucket.ageDays(device.upgrade, asOf: asOf).map(String.init) ?? "", device.upgrade.raw ?? "",
    ])
  }

  public func finish() throws {
    try folder.close(&output)
  }
}

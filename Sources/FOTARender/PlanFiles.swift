import FOTAModel

/// Writes the per-device planning files: `upgrade-plan.csv` (each device's plan, read from the
/// spool, never planned again) and `license-reclaim.csv` (licenses held by ineligible devices).
public final class PlanFilesWriter: DeviceRowWriter {
  /// Column names of `upgrade-plan.csv`.
  public static let planColumns = [
    "deviceId", "make", "model", "clientType", "firmware", "plan", "nextFirmware", "firmwareName",
    "newestFirmware", "hops",
  ]
  /// Column names of `license-reclaim.csv`.
  public static let reclaimColumns = ["deviceId", "make", "model", "firmware", "status"]

  private let folder: ReportFolder
  private var plan: FileOutput
  private var reclaim: FileOutput

  public var name: String { "upgrade plan" }

  /// Opens both files in `folder`.
  public init(folder: ReportFolder) throws {
    self.folder = folder
    (plan, reclaim) = try Self.open(in: folder)
  }

  private static func open(in folder: ReportFolder) throws -> (plan: FileOutput, reclaim: FileOutput) {
    var plan = try folder.open("upgrade-plan.csv")
    plan.writeRow(Self.planColumns)
    var reclaim = try folder.open("license-reclaim.csv")
    reclaim.writeRow(Self.reclaimColumns)
    return (plan, reclaim)
  }

  /// One `upgrade-plan.csv` row.
  public static func planRow(_ record: PlannedDevice) -> [String]? {
    guard let devicePlan = record.plan else { return nil }
    let device = record.device
    let path = devicePlan.path
    return [
      device.deviceId, device.make, device.model, device.clientType, device.firmware,
      devicePlan.status.rawValue,
      path?.nextFirmware ?? "", path?.firmwareName ?? "", path?.newestFirmware ?? "",
      path.map { String($0.hops) } ?? "",
    ]
  }

  public func write(_ record: PlannedDevice) throws {
    if let row = Self.planRow(record) { plan.writeRow(row) }
    let device = record.device
    if device.licenseAssigned && !device.fotaEligible {
      reclaim.writeRow([device.deviceId, device.make, device.model, device.firmware, device.status])
    }
  }

  public func finish() throws {
    try folder.close(&plan)
    try folder.close(&reclaim)
  }

  public func restart() throws {
    try? plan.close()
    try? reclaim.close()
    (plan, reclaim) = try Self.open(in: folder)
  }

  public func discard() {
    try? plan.close()
    try? reclaim.close()
    folder.remove(plan.name)
    folder.remove(reclaim.name)
  }
}

import FOTAAggregate
import FOTANormalise
import FOTAPlan
import Foundation

/// Writes the planning files: `upgrade-plan.csv`, `license-reclaim.csv` and `campaigns/`.
public struct PlanRenderer: ReportRenderer {
  public var name: String { "upgrade plan" }

  /// Creates the renderer.
  public init() {}

  /// Column names of `upgrade-plan.csv`.
  public static let planColumns = [
    "deviceId", "make", "model", "clientType", "firmware", "plan", "nextFirmware", "firmwareName",
    "newestFirmware", "hops",
  ]

  public func render(_ report: FleetReport, into folder: ReportFolder) throws {
    guard let planning = report.planning, let planner = planning.planner, planning.plan != nil else { return }
    try folder.write("upgrade-plan.csv") { out in
      out.writeRow(Self.planColumns)
      for device in report.devices {
        let devicePlan = planner.plan(device)
        let path = devicePlan.path
        out.writeRow([
          device.deviceId, device.make, device.model, device.clientType, device.firmware,
          devicePlan.status.rawValue, path?.nextFirmware ?? "", path?.firmwareName ?? "",
          path?.newestFirmware ?? "", path.map { String($0.hops) } ?? "",
        ])
      }
    }
    try folder.write("license-reclaim.csv") { out in
      out.writeRow(["deviceId", "make", "model", "firmware", "status"])
      for device in report.devices where device.licenseAssigned && !device.fotaEligible {
        out.writeRow([device.deviceId, device.make, device.model, device.firmware, device.status])
      }
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let requests = planning.requests
    for request in requests {
      let body = try encoder.encode(request.body)
      try folder.write(request.file, contents: String(decoding: body, as: UTF8.self) + "\n")
    }
    try folder.write("campaigns/index.csv") { out in
      out.writeRow([
        "file", "make", "model", "firmwareName", "firmwareTo", "phase", "phases", "part", "devices",
        "startDate", "endDate",
      ])
      for request in requests {
        out.writeRow([
          String(request.file.dropFirst("campaigns/".count)), request.cohort.model.make,
          request.cohort.model.model,
          request.cohort.firmwareName, request.cohort.firmwareTo, String(request.phase),
          String(request.phaseCount),
          String(request.part), String(request.body.deviceList.count), request.body.startDate,
          request.body.endDate,
        ])
      }
    }
  }
}

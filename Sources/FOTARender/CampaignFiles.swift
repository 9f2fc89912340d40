import FOTAModel
import FOTAPlan
import Foundation
import ThingSpaceAPI

/// Writes `campaigns/`: the request files of the next campaign and their index.
public struct CampaignFiles: ReportOutput {
  public var name: String { "campaign files" }

  /// Creates the output.
  public init() {}

  /// The output, when the night is planned.
  public static func open(_ request: OutputRequest) -> (any ReportOutput)? {
    request.planning ? Self() : nil
  }

  public func complete(_ report: ReportModel, into folder: ReportFolder) throws {
    guard let planning = report.planning, planning.plan != nil else { return }
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

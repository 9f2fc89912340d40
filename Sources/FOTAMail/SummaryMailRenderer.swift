import FOTAPlan
import FOTARender
import Foundation
import Mustache

/// Writes `summary.eml`: the night's summary as a MIME message, ready to send or resend.
public struct SummaryMailRenderer: ReportRenderer {
  public let from: MailAddress
  public let to: [MailAddress]
  public let templates: ReportTemplates
  /// Whether device-level files (upgrade-plan.csv, changes.csv) are attached.
  public let attachDevices: Bool
  public let date: Date

  /// The template of the HTML part.
  public static let template = "email"
  /// The message's file name in the report folder.
  public static let fileName = "summary.eml"

  public var name: String { "e-mail summary" }

  public init(
    from: MailAddress, to: [MailAddress], templates: ReportTemplates, attachDevices: Bool, date: Date
  ) {
    self.from = from
    self.to = to
    self.templates = templates
    self.attachDevices = attachDevices
    self.date = date
  }

  public func render(_ report: FleetReport, into folder: ReportFolder) throws {
    let summary = EmailSummary(report: report)
    guard let html = templates.library.render(summary.context, withTemplate: Self.template) else {
      throw RenderError.invalidTemplate(name: Self.template + ".mustache", reason: "template not found")
    }
    var attachments: [MIMEMessage.Attachment] = []
    func attach(_ name: String) {
      if let data = try? Data(contentsOf: folder.url.appendingPathComponent(name)) {
        attachments.append(.init(name: name, contentType: "text/csv; charset=UTF-8", data: data))
      }
    }
    attach("by-model-firmware.csv")
    if let plan = report.planning?.plan {
      attachments.append(
        .init(
          name: "plan-summary.csv", contentType: "text/csv; charset=UTF-8",
          data: Data(Self.planSummary(plan).utf8)))
    }
    if attachDevices {
      attach("upgrade-plan.csv")
      attach("changes.csv")
    }
    let message = MIMEMessage(
      from: from, to: to, subject: summary.subject, date: date,
      messageID: "\(UUID().uuidString.lowercased())@fota-report", text: summary.text, html: html,
      attachments: attachments)
    try folder.write(Self.fileName, contents: message.rendered)
  }

  /// Plan statuses and cohorts, without device ids.
  static func planSummary(_ plan: UpgradePlan) -> String {
    var rows = [CSVRow.encode(["kind", "make", "model", "firmwareName", "firmwareTo", "value", "devices"])]
    for status in PlanStatus.allCases {
      rows.append(
        CSVRow.encode(["status", "", "", "", "", status.rawValue, String(plan.statusCounts[status] ?? 0)]))
    }
    for (cohort, devices) in plan.sortedCohorts {
      rows.append(
        CSVRow.encode([
          "cohort", cohort.model.make, cohort.model.model, cohort.firmwareName, cohort.firmwareTo, "ready",
          String(devices.count),
        ]))
    }
    return rows.joined()
  }
}

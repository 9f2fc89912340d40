import FOTAModel
import FOTAPlan
import FOTARender
import Foundation
import Mustache

/// Composes `summary.eml` from the report model: the night's summary as a MIME message, written
/// into the report folder (to send now or resend later). Attachments are made from the model, not
/// read back from other files, so they are there whatever `--formats` says.
public struct SummaryMailComposer {
  public let options: EmailOptions
  public let templates: ReportTemplates
  public let date: Date
  /// Where the report is on this host (`report.html` in the published folder, and the host), for
  /// a summary without ``EmailOptions/reportURL``.
  public var location: String

  /// The template of the HTML part.
  public static let template = "email"
  /// The message's file name in the report folder.
  public static let fileName = "summary.eml"

  public init(options: EmailOptions, templates: ReportTemplates, date: Date, location: String = "") {
    self.options = options
    self.templates = templates
    self.date = date
    self.location = location
  }

  /// A per-device writer that keeps `upgrade-plan.csv` for the attachment, when device-level
  /// files are attached; hand it to the device pass.
  public func planAttachment() -> PlanAttachmentWriter? {
    options.attachDevices ? PlanAttachmentWriter() : nil
  }

  /// Composes the message, writes it as `summary.eml` into `folder`, and returns it.
  @discardableResult
  public func compose(_ model: ReportModel, planAttachment: PlanAttachmentWriter?, into folder: ReportFolder)
    throws
    -> MIMEMessage
  {
    let summary = EmailSummary(
      report: model, reportURL: options.reportURL, location: location,
      alertDropPoints: options.alertDropPoints)
    guard let html = templates.library.render(summary.context, withTemplate: Self.template) else {
      throw RenderError.invalidTemplate(name: Self.template + ".mustache", reason: "template not found")
    }
    var attachments = [
      csv("by-model-firmware.csv", SummaryCSVFiles.modelFirmwareTable(model.summary))
    ]
    if let plan = model.planning?.plan { attachments.append(csv("plan-summary.csv", Self.planSummary(plan))) }
    if let planAttachment { attachments.append(csv("upgrade-plan.csv", planAttachment.text)) }
    if options.attachDevices, let delta = model.delta {
      attachments.append(csv("changes.csv", SummaryCSVFiles.changesTable(delta)))
    }
    let message = MIMEMessage(
      from: options.from, to: options.to, subject: summary.subject, date: date,
      messageID: "\(UUID().uuidString.lowercased())@fota-report", text: summary.text, html: html,
      attachments: attachments)
    try folder.write(Self.fileName, contents: message.rendered)
    return message
  }

  private func csv(_ name: String, _ text: String) -> MIMEMessage.Attachment {
    .init(name: name, contentType: "text/csv; charset=UTF-8", data: Data(text.utf8))
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

import Mustache

/// Renders `report.html` from the `report` Mustache template.
public struct HTMLReportRenderer: ReportRenderer {
  public let templates: ReportTemplates

  public var name: String { "HTML" }

  /// Creates a renderer using `templates`.
  public init(templates: ReportTemplates) {
    self.templates = templates
  }

  public func render(_ report: ReportModel, into folder: ReportFolder) throws {
    let context = HTMLReportView(report: report).context
    guard
      let html = templates.library.render(context, withTemplate: ReportTemplates.htmlTemplate)
    else {
      throw RenderError.invalidTemplate(
        name: ReportTemplates.htmlTemplate, reason: "template not loaded")
    }
    try folder.write("report.html", contents: html)
  }
}

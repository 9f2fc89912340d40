import Mustache

/// Renders `report.html` from the `report` Mustache template.
public struct HTMLReport: ReportOutput {
  public let templates: ReportTemplates

  public var name: String { "HTML" }

  /// Creates the output, using `templates`.
  public init(templates: ReportTemplates) {
    self.templates = templates
  }

  /// The output, when the night asks for HTML.
  public static func open(_ request: OutputRequest) -> (any ReportOutput)? {
    request.formats.contains(.html) ? Self(templates: request.templates) : nil
  }

  public func complete(_ report: ReportModel, into folder: ReportFolder) throws {
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

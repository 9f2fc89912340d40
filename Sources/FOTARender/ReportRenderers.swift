import FOTAAggregate
import FOTAModel
import FOTAPlan

/// The renderers a night needs, chosen from the formats and options asked for, and the one way
/// they run: every device once, from the spool, through each per-device writer; then every
/// summary renderer. A renderer's failure becomes a ``RenderError`` naming it.
public struct ReportRenderers {
  public let formats: Set<ReportFormat>
  public let templates: ReportTemplates
  /// List every device in `report.xml`.
  public let xmlDevices: Bool

  public init(formats: Set<ReportFormat>, templates: ReportTemplates, xmlDevices: Bool) {
    self.formats = formats
    self.templates = templates
    self.xmlDevices = xmlDevices
  }

  /// Renders the night into `folder`; `deviceWriters` and `renderers` add to the standard ones
  /// (the e-mail's attachment, a test's failure). `run.json` is left to ``RunRecordRenderer``,
  /// written once the night's history id is known.
  public func render(
    _ model: ReportModel, into folder: ReportFolder, deviceWriters extraWriters: [any DeviceRowWriter] = [],
    renderers extraRenderers: [any ReportRenderer] = []
  ) throws {
    let writers = try attempt("per-device files") { try deviceWriters(model, folder) } + extraWriters
    for record in model.devices {
      for writer in writers { try attempt(writer.name) { try writer.write(record) } }
    }
    for writer in writers { try attempt(writer.name) { try writer.finish() } }
    for renderer in summaryRenderers() + extraRenderers {
      try attempt(renderer.name) { try renderer.render(model, into: folder) }
    }
  }

  /// The files written one device at a time.
  private func deviceWriters(_ model: ReportModel, _ folder: ReportFolder) throws -> [any DeviceRowWriter] {
    var writers: [any DeviceRowWriter] = []
    if formats.contains(.csv) {
      writers.append(try DevicesCSVWriter(folder: folder, asOf: model.summary.asOf))
    }
    if model.planning?.plan != nil { writers.append(try PlanFilesWriter(folder: folder)) }
    if formats.contains(.xml) && xmlDevices {
      writers.append(
        try XMLDeviceListWriter(folder: folder, count: model.summary.totals.devices, asOf: model.summary.asOf)
      )
    }
    return writers
  }

  /// The files written from the night's figures.
  private func summaryRenderers() -> [any ReportRenderer] {
    var renderers: [any ReportRenderer] = [CampaignFilesRenderer()]
    if formats.contains(.csv) { renderers.append(CSVReportRenderer()) }
    if formats.contains(.html) { renderers.append(HTMLReportRenderer(templates: templates)) }
    if formats.contains(.xml) {
      renderers.append(XMLReportRenderer(schemaPath: templates.schemaPath, includeDevices: xmlDevices))
    }
    return renderers
  }

  /// Runs one renderer's step, naming it in any failure.
  private func attempt<Value>(_ name: String, _ body: () throws -> Value) throws(RenderError) -> Value {
    do {
      return try body()
    } catch let error as RenderError {
      throw error
    } catch {
      throw .renderFailed(renderer: name, reason: ErrorText.describe(error))
    }
  }
}

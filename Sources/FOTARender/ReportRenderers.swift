import FOTAAggregate
import FOTAModel
import FOTAPlan

/// The renderers a night needs, chosen from the formats and options asked for, and the one way
/// they run: every device once through each per-device writer (fed while collecting, or from the
/// spool when the pages came out of IMEI order); then every summary renderer. A renderer's
/// failure becomes a ``RenderError`` naming it.
public struct ReportRenderers {
  public let formats: Set<ReportFormat>
  public let templates: ReportTemplates
  /// List every device in `report.xml`.
  public let xmlDevices: Bool
  /// Add the per-device sheets to `report.xlsx`.
  public let xlsxDevices: Bool

  public init(
    formats: Set<ReportFormat>, templates: ReportTemplates, xmlDevices: Bool, xlsxDevices: Bool = false
  ) {
    self.formats = formats
    self.templates = templates
    self.xmlDevices = xmlDevices
    self.xlsxDevices = xlsxDevices
  }

  /// The per-device files of a night, opened in `folder` before collecting so that the collector
  /// can feed them: `devices.csv`, the planning files when planning is asked for (`planning`),
  /// the XML device list with `--xml-devices`, the workbook with `--xlsx-devices` (without it the
  /// workbook is made from the night's figures alone, in ``render(_:into:outputs:fedWhileCollecting:renderers:)``),
  /// and `extra` (the e-mail's attachment).
  public func deviceOutputs(
    asOf: Int64, planning: Bool, history: Bool = false, into folder: ReportFolder,
    extra: [any DeviceRowWriter] = []
  ) throws -> DeviceOutputs {
    var writers: [any DeviceRowWriter] = []
    try DeviceOutputs.attempt("per-device files") {
      if formats.contains(.csv) { writers.append(try DevicesCSV.open(in: folder, asOf: asOf)) }
      if planning { writers += try PlanFiles.open(in: folder) }
      if formats.contains(.xml) && xmlDevices {
        writers.append(try XMLDeviceListWriter(folder: folder, asOf: asOf))
      }
      if formats.contains(.xlsx) && xlsxDevices {
        writers.append(try ReportWorkbook(folder: folder, asOf: asOf, planning: planning, history: history))
      }
    }
    return DeviceOutputs(writers + extra)
  }

  /// Renders the night into `folder`: completes the per-device files (written anew from the
  /// spool when the collector could not feed them in order), then runs every summary renderer
  /// and `renderers` (a test's failure). `run.json` is left to ``RunRecordRenderer``, written
  /// once the night's history id is known.
  public func render(
    _ model: ReportModel, into folder: ReportFolder, outputs: DeviceOutputs, fedWhileCollecting: Bool,
    renderers extraRenderers: [any ReportRenderer] = []
  ) throws {
    if model.planning?.plan == nil { outputs.discard(where: PlanFiles.writes) }
    if !fedWhileCollecting { try outputs.rewrite(model.devices) }
    try outputs.finish()
    for workbook in outputs.writers.compactMap({ $0 as? ReportWorkbook }) {
      try attempt(ReportWorkbook.fileName) { try workbook.complete(model) }
    }
    if formats.contains(.xlsx) && !xlsxDevices {
      try attempt(ReportWorkbook.fileName) {
        try ReportWorkbook(
          folder: folder, asOf: model.summary.asOf, planning: model.planning?.plan != nil,
          history: model.historyEnabled, devices: false
        ).complete(model)
      }
    }
    for renderer in summaryRenderers() + extraRenderers {
      try attempt(renderer.name) { try renderer.render(model, into: folder) }
    }
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

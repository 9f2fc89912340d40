import FOTAModel

/// What the night asks of its outputs, for each to decide whether it is written and how.
public struct OutputRequest {
  /// The staging folder the outputs write into.
  public var folder: ReportFolder
  /// The formats asked for.
  public var formats: Set<ReportFormat>
  public var templates: ReportTemplates
  /// The night's instant, for upgrade ages.
  public var asOf: Int64
  /// Whether planning is asked for.
  public var planning: Bool
  /// Whether a history is kept.
  public var history: Bool
  /// List every device in `report.xml` (`--xml-devices`).
  public var xmlDevices: Bool
  /// Add the per-device sheets to `report.xlsx` (`--xlsx-devices`).
  public var xlsxDevices: Bool

  /// Describes a night.
  public init(
    folder: ReportFolder, formats: Set<ReportFormat>, templates: ReportTemplates, asOf: Int64,
    planning: Bool, history: Bool, xmlDevices: Bool = false, xlsxDevices: Bool = false
  ) {
    self.folder = folder
    self.formats = formats
    self.templates = templates
    self.asOf = asOf
    self.planning = planning
    self.history = history
    self.xmlDevices = xmlDevices
    self.xlsxDevices = xlsxDevices
  }
}

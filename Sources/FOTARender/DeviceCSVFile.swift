import FOTAModel
import FOTANightDevices
import FOTAPlan

/// A per-device CSV file of the report folder: its header, then the rows its formatter makes, on
/// any core ahead of the ordered write or here one device at a time. ``DevicesCSV`` and
/// ``PlanFiles`` say which files there are.
public final class DeviceCSVFile: ReportOutput {
  /// The file's name in the report folder.
  public let name: String
  /// The header row.
  public let columns: [String]
  public let formatter: any DeviceRowFormatter
  /// Whether the file belongs to the night only when it has a plan.
  private let needsPlan: Bool
  private let folder: ReportFolder
  private var output: FileOutput

  /// Opens `name` in `folder` and writes its header.
  public init(
    folder: ReportFolder, name: String, columns: [String], formatter: any DeviceRowFormatter,
    needsPlan: Bool = false
  ) throws {
    self.folder = folder
    self.name = name
    self.columns = columns
    self.formatter = formatter
    self.needsPlan = needsPlan
    output = try folder.open(name)
    output.writeRow(columns)
  }

  public var devicePart: DevicePart { .formatted(formatter) }

  public func write(_ record: PlannedDevice) throws {
    output.appendRecord { formatter.format(record, into: &$0) }
  }

  public func write(formatted rows: UnsafeBufferPointer<UInt8>) throws {
    output.appendRecord { $0.append(contentsOf: rows) }
  }

  /// Completes the file; a planning file of a night that could not be planned is removed.
  public func complete(_ report: ReportModel, into folder: ReportFolder) throws {
    guard !needsPlan || report.planning?.plan != nil else { return discard() }
    try folder.close(&output)
  }

  public func restart() throws {
    try? output.close()
    output = try folder.open(name)
    output.writeRow(columns)
  }

  public func discard() {
    try? output.close()
    folder.remove(name)
  }
}

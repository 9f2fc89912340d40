import FOTAAggregate
import FOTAModel

/// A per-device CSV file: its header, then the rows its ``DeviceRowFormatter`` makes, on any
/// core ahead of the ordered write or here one device at a time.
public final class CSVFileWriter: FormattingRowWriter {
  /// The file's name in the report folder.
  public let name: String
  /// The header row.
  public let columns: [String]
  public let formatter: any DeviceRowFormatter
  private let folder: ReportFolder
  private var output: FileOutput

  /// Opens `name` in `folder` and writes its header.
  public init(folder: ReportFolder, name: String, columns: [String], formatter: any DeviceRowFormatter)
    throws
  {
    self.folder = folder
    self.name = name
    self.columns = columns
    self.formatter = formatter
    output = try folder.open(name)
    output.writeRow(columns)
  }

  public func write(_ record: PlannedDevice) throws {
    output.appendRecord { formatter.format(record, into: &$0) }
  }

  public func write(formatted bytes: UnsafeBufferPointer<UInt8>) throws {
    output.appendRecord { $0.append(contentsOf: bytes) }
  }

  public func finish() throws {
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

import FOTAModel
import FOTARender

/// Keeps `upgrade-plan.csv` in memory as the devices pass, for the e-mail's device-level
/// attachment (`--email-attach-devices`): the same rows as the report folder's file.
public final class PlanAttachmentWriter: ReportOutput {
  private var bytes: [UInt8] = []
  private let rows = PlanFiles.PlanRows()

  public var name: String { "e-mail attachment upgrade-plan.csv" }

  init() {
    CSVRow.append(PlanFiles.planColumns, to: &bytes)
  }

  public var devicePart: DevicePart { .formatted(rows) }

  public func write(formatted rows: UnsafeBufferPointer<UInt8>) throws {
    bytes.append(contentsOf: rows)
  }

  public func write(_ record: PlannedDevice) throws {
    rows.format(record, into: &bytes)
  }

  public func restart() throws {
    bytes.removeAll()
    CSVRow.append(PlanFiles.planColumns, to: &bytes)
  }

  public func complete(_ report: ReportModel, into folder: ReportFolder) throws {}

  public func discard() {
    bytes.removeAll()
  }

  /// The file's text.
  public var text: String { String(decoding: bytes, as: UTF8.self) }
}

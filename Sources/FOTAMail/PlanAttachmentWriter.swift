import FOTAModel
import FOTARender

/// Keeps `upgrade-plan.csv` in memory as the devices pass, for the e-mail's device-level
/// attachment (`--email-attach-devices`): the same rows as the report folder's file.
public final class PlanAttachmentWriter: DeviceRowWriter {
  private var bytes: [UInt8] = []

  public var name: String { "e-mail attachment upgrade-plan.csv" }

  init() {
    CSVRow.append(PlanFiles.planColumns, to: &bytes)
  }

  public func restart() throws {
    bytes.removeAll()
    CSVRow.append(PlanFiles.planColumns, to: &bytes)
  }

  public func discard() {
    bytes.removeAll()
  }

  public func write(_ record: PlannedDevice) throws {
    if let row = PlanFiles.planRow(record) { CSVRow.append(row, to: &bytes) }
  }

  public func finish() throws {}

  /// The file's text.
  public var text: String { String(decoding: bytes, as: UTF8.self) }
}

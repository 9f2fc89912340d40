import FOTAModel
import FOTANightDevices

/// `devices.csv`: one row per device, for the ops team (it holds phone numbers).
public enum DevicesCSV {
  /// Column names of `devices.csv`.
  public static let columns = [
    "deviceId", "mdn", "make", "model", "firmware", "clientType", "status", "fotaEligible",
    "licenseAssigned", "readiness", "upgradeState", "upgradeTime", "upgradeAgeDays", "upgradeTimeRaw",
  ]

  /// Opens `devices.csv` when the night asks for CSV; ages are measured against its instant.
  public static func open(_ request: OutputRequest) throws -> (any ReportOutput)? {
    guard request.formats.contains(.csv) else { return nil }
    return try DeviceCSVFile(
      folder: request.folder, name: "devices.csv", columns: columns, formatter: Rows(asOf: request.asOf))
  }

  /// One device's row of `devices.csv`, formatted on any core.
  struct Rows: DeviceRowFormatter {
    let asOf: Int64

    func format(_ record: PlannedDevice, into row: inout [UInt8]) {
      let device = record.device
      func text(_ value: String) {
        CSVRow.appendCell(value, to: &row)
        CSVRow.appendSeparator(to: &row)
      }
      text(device.deviceId)
      text(device.mdn)
      text(device.make)
      text(device.model)
      text(device.firmware)
      text(device.clientType)
      text(device.status)
      CSVRow.appendPlain(device.fotaEligible ? "true" : "false", to: &row)
      CSVRow.appendSeparator(to: &row)
      CSVRow.appendPlain(device.licenseAssigned ? "true" : "false", to: &row)
      CSVRow.appendSeparator(to: &row)
      CSVRow.appendCell(Readiness(device).rawValue, to: &row)
      CSVRow.appendSeparator(to: &row)
      CSVRow.appendCell(device.upgrade.state.rawValue, to: &row)
      CSVRow.appendSeparator(to: &row)
      if let instant = device.upgrade.milliseconds {
        let start = row.count
        CivilCalendar.appendISO8601(milliseconds: instant, to: &row)
        // An instant's text holds digits, dashes, colons and letters only: never quoted; only a
        // year before 1 (a leading minus) could need the formula guard, so it goes the long way.
        if row[start] == UInt8(ascii: "-") {
          let text = String(decoding: row[start...], as: UTF8.self)
          row.removeSubrange(start...)
          CSVRow.appendCell(text, to: &row)
        }
      }
      CSVRow.appendSeparator(to: &row)
      if let age = UpgradeAgeBucket.ageDays(device.upgrade, asOf: asOf) { CSVRow.appendCell(age, to: &row) }
      CSVRow.appendSeparator(to: &row)
      if let raw = device.upgrade.raw { CSVRow.appendCell(raw, to: &row) }
      CSVRow.endRecord(&row)
    }
  }
}

import FOTAModel
import FOTAXML
import Foundation

/// Writes the `<devices>` element of `report.xml` (with `--xml-devices`) while the devices pass
/// by, into a fragment the XML renderer then places in the document: every device is read once.
///
/// The fragment is written by libxml2 under a placeholder root, so its elements are escaped and
/// indented as they will stand in the report; the placeholder's lines are left out when spliced.
public final class XMLDeviceListWriter: DeviceRowWriter {
  /// The fragment's name in the staging folder; the XML renderer removes it.
  public static let fragment = ".report-devices.xml"

  /// How the fragment's `<devices>` line starts; the XML renderer adds the count after it.
  static let openingTag = Array("  <devices".utf8)

  private let folder: ReportFolder
  private var writer: XMLStreamWriter
  private let asOf: Int64

  public var name: String { "XML device list" }

  /// Opens the fragment in `folder`.
  public init(folder: ReportFolder, asOf: Int64) throws {
    self.folder = folder
    self.asOf = asOf
    writer = try Self.open(in: folder)
  }

  private static func open(in folder: ReportFolder) throws -> XMLStreamWriter {
    let writer = try XMLStreamWriter(path: folder.path(of: Self.fragment))
    try writer.startElement("fragment")
    try writer.startElement("devices")
    return writer
  }

  public func restart() throws {
    // The old writer keeps the old file, unlinked, until it is freed.
    discard()
    writer = try Self.open(in: folder)
  }

  public func discard() {
    try? FileManager.default.removeItem(atPath: folder.path(of: Self.fragment))
  }

  public func write(_ record: PlannedDevice) throws {
    let device = record.device
    try writer.startElement("device")
    try writer.attribute("id", device.deviceId)
    try writer.attribute("make", device.make)
    try writer.attribute("model", device.model)
    try writer.attribute("firmware", device.firmware)
    try writer.attribute("clientType", device.clientType)
    try writer.attribute("status", device.status)
    try writer.attribute("fotaEligible", String(device.fotaEligible))
    try writer.attribute("licenseAssigned", String(device.licenseAssigned))
    try writer.attribute("readiness", Readiness(device).rawValue)
    try writer.attribute("upgradeState", device.upgrade.state.rawValue)
    if device.upgrade.state == .upgraded { try writer.attribute("upgradeTime", device.upgrade.iso8601) }
    if let age = UpgradeAgeBucket.ageDays(device.upgrade, asOf: asOf) {
      try writer.attribute("upgradeAgeDays", String(age))
    }
    if let raw = device.upgrade.raw { try writer.attribute("upgradeTimeRaw", raw) }
    try writer.endElement()
  }

  public func finish() throws {
    try writer.endDocument()
  }
}

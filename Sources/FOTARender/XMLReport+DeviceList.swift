import FOTAModel
import FOTAXML
import Foundation

extension XMLReport {
  /// The `<devices>` element of `report.xml` (with `--xml-devices`), written while the devices
  /// pass by into a hidden file of the staging folder, then placed at the end of the document:
  /// every device is read once, and the summary, known only after the last device, comes first.
  ///
  /// The list is written by libxml2 under a placeholder root, so its elements are escaped and
  /// indented as they stand in the report; the placeholder's lines are left out when placed.
  final class DeviceList {
    /// The held list's name in the staging folder; removed once placed.
    static let fileName = ".report-devices.xml"
    /// How the held list's `<devices>` line starts; its count is added after it when placed.
    static let openingTag = Array("  <devices".utf8)
    /// How the held list ends: the placeholder's closing line.
    static let closingTag = Array("</fragment>\n".utf8)

    private let folder: ReportFolder
    private var writer: XMLStreamWriter
    private let asOf: Int64

    init(folder: ReportFolder, asOf: Int64) throws {
      self.folder = folder
      self.asOf = asOf
      writer = try Self.open(in: folder)
    }

    private static func open(in folder: ReportFolder) throws -> XMLStreamWriter {
      let writer = try XMLStreamWriter(path: folder.path(of: fileName))
      try writer.startElement("fragment")
      try writer.startElement("devices")
      return writer
    }

    func restart() throws {
      // The old writer keeps the old file, unlinked, until it is freed.
      discard()
      writer = try Self.open(in: folder)
    }

    func discard() {
      try? FileManager.default.removeItem(atPath: folder.path(of: Self.fileName))
    }

    func write(_ record: PlannedDevice) throws {
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

    /// Completes the held list and copies its `<devices>` element into `document`, leaving out the
    /// placeholder's lines and giving it its `count` (not known while the devices passed); the
    /// held file is removed.
    func place(into document: XMLStreamWriter, count: Int) throws {
      try writer.endDocument()
      let path = folder.path(of: Self.fileName)
      defer { discard() }
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw RenderError.renderFailed(renderer: "XML", reason: "the device list was not written")
      }
      defer { try? handle.close() }
      var pending: [UInt8] = []
      var placedOpening = false
      while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
        pending += chunk
        if !placedOpening, let newline = pending.firstIndex(of: UInt8(ascii: "\n")),
          pending.count >= newline + 1 + Self.openingTag.count
        {
          pending.removeFirst(newline + 1)
          guard pending.starts(with: Self.openingTag) else {
            throw RenderError.renderFailed(
              renderer: "XML", reason: "the device list does not start with <devices>")
          }
          pending.insert(contentsOf: " count=\"\(count)\"".utf8, at: Self.openingTag.count)
          placedOpening = true
        }
        guard placedOpening, pending.count > Self.closingTag.count else { continue }
        let ready = pending.count - Self.closingTag.count
        try pending.withUnsafeBytes { try document.raw(UnsafeRawBufferPointer(rebasing: $0[..<ready])) }
        pending.removeFirst(ready)
      }
    }
  }

  public var devicePart: DevicePart { deviceList == nil ? .none : .records }

  public func write(_ record: PlannedDevice) throws {
    try deviceList?.write(record)
  }

  public func restart() throws {
    try deviceList?.restart()
  }

  public func discard() {
    deviceList?.discard()
  }
}

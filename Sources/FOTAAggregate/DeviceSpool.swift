import FOTANormalise
import Foundation

/// Keeps normalised devices on disk for the outputs that need one row per device.
///
/// Devices are appended as they arrive, in a compact binary form, so memory stays flat however
/// large the fleet; ``devicesInIMEIOrder()`` reads them back in ascending IMEI order, sorting
/// only an index of ids and offsets when the input was not already in order.
public final class DeviceSpool {
  /// Where the spool lives.
  public let url: URL
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var lastId: String?
  /// True while every device arrived after the previous one in IMEI order.
  public private(set) var isAscending = true
  /// Devices written.
  public private(set) var count = 0

  /// Creates an empty spool file at `url`.
  public init(url: URL) throws {
    self.url = url
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
    }
    handle = try FileHandle(forWritingTo: url)
    buffer.reserveCapacity(1 << 20)
  }

  deinit {
    try? handle.close()
  }

  /// Appends one device.
  public func append(_ device: Device) throws {
    if let lastId, !Device.idPrecedes(lastId, device.deviceId) { isAscending = false }
    lastId = device.deviceId
    count += 1
    var flags: UInt8 = device.fotaEligible ? 1 : 0
    if device.licenseAssigned { flags |= 2 }
    flags |= UInt8(UpgradeState.allCases.firstIndex(of: device.upgrade.state)!) << 2
    if device.upgrade.raw != nil { flags |= 16 }
    buffer.append(flags)
    withUnsafeBytes(of: (device.upgrade.milliseconds ?? 0).littleEndian) { buffer += $0 }
    for field in [
      device.deviceId, device.mdn, device.make, device.model, device.firmware, device.clientType,
      device.status, device.upgrade.raw ?? "",
    ] {
      withUnsafeBytes(of: UInt32(field.utf8.count).littleEndian) { buffer += $0 }
      buffer += field.utf8
    }
    if buffer.count >= 1 << 20 { try flush() }
  }

  /// Writes buffered records to the file.
  public func flush() throws {
    guard !buffer.isEmpty else { return }
    try handle.write(contentsOf: buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  /// Every device, in ascending IMEI order.
  public func devicesInIMEIOrder() throws -> SpooledDevices {
    try flush()
    let data = try Data(contentsOf: url, options: .alwaysMapped)
    return SpooledDevices(data: data, count: count, sorted: !isAscending)
  }
}

/// The devices of a ``DeviceSpool``, read back in IMEI order.
public struct SpooledDevices: Sequence {
  private let data: Data
  private let order: [Int]?
  /// Number of devices.
  public let count: Int

  init(data: Data, count: Int, sorted: Bool) {
    self.data = data
    self.count = count
    if sorted {
      var index: [(id: String, offset: Int)] = []
      index.reserveCapacity(count)
      var offset = 0
      while offset < data.count {
        let (device, next) = Self.decode(data, at: offset)
        index.append((device.deviceId, offset))
        offset = next
      }
      order = index.sorted { Device.idPrecedes($0.id, $1.id) }.map(\.offset)
    } else {
      order = nil
    }
  }

  public func makeIterator() -> AnyIterator<Device> {
    if let order {
      var position = 0
      return AnyIterator {
        guard position < order.count else { return nil }
        defer { position += 1 }
        return Self.decode(data, at: order[position]).device
      }
    }
    var offset = 0
    return AnyIterator {
      guard offset < data.count else { return nil }
      let (device, next) = Self.decode(data, at: offset)
      offset = next
      return device
    }
  }

  static func decode(_ data: Data, at start: Int) -> (device: Device, next: Int) {
    data.withUnsafeBytes { raw in
      var offset = start
      let flags = raw[offset]
      offset += 1
      let millis = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self))
      offset += 8
      var fields: [String] = []
      fields.reserveCapacity(8)
      for _ in 0..<8 {
        let length = Int(
          UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        offset += 4
        fields.append(String(decoding: raw[offset..<offset + length], as: UTF8.self))
        offset += length
      }
      let state = UpgradeState.allCases[Int(flags >> 2) & 3]
      let upgrade = UpgradeTime(
        state: state, milliseconds: state == .upgraded ? millis : nil,
        raw: flags & 16 != 0 ? fields[7] : nil)
      let device = Device(
        deviceId: fields[0], mdn: fields[1], make: fields[2], model: fields[3],
        firmware: fields[4], clientType: fields[5], status: fields[6],
        fotaEligible: flags & 1 != 0, licenseAssigned: flags & 2 != 0, upgrade: upgrade)
      return (device, offset)
    }
  }
}

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
    return try SpooledDevices(url: url, count: count, sorted: !isAscending)
  }
}

/// The devices of a ``DeviceSpool``, read back in IMEI order.
///
/// In the usual case (pages arrive in IMEI order) the file is read front to back in 1 MiB chunks;
/// otherwise it is mapped and visited through a sorted index of ids and offsets.
public struct SpooledDevices: Sequence {
  private let url: URL
  private let order: (data: Data, offsets: [Int])?
  /// Number of devices.
  public let count: Int

  init(url: URL, count: Int, sorted: Bool) throws {
    self.url = url
    self.count = count
    guard sorted else {
      order = nil
      return
    }
    let data = try Data(contentsOf: url, options: .alwaysMapped)
    var index: [(id: String, offset: Int)] = []
    index.reserveCapacity(count)
    data.withUnsafeBytes { raw in
      var offset = 0
      while let (device, next) = Self.decode(raw, at: offset) {
        index.append((device.deviceId, offset))
        offset = next
      }
    }
    order = (data, index.sorted { Device.idPrecedes($0.id, $1.id) }.map(\.offset))
  }

  public func makeIterator() -> AnyIterator<Device> {
    if let order {
      var position = 0
      return AnyIterator {
        guard position < order.offsets.count else { return nil }
        defer { position += 1 }
        return order.data.withUnsafeBytes { Self.decode($0, at: order.offsets[position])?.device }
      }
    }
    let handle = FileHandle(forReadingAtPath: url.path)
    var buffer: [UInt8] = []
    var offset = 0
    var exhausted = handle == nil
    return AnyIterator {
      while true {
        if let (device, next) = buffer.withUnsafeBytes({ Self.decode($0, at: offset) }) {
          offset = next
          return device
        }
        guard !exhausted, let handle else { return nil }
        let chunk = (try? handle.read(upToCount: 1 << 20)) ?? nil
        guard let chunk, !chunk.isEmpty else {
          exhausted = true
          try? handle.close()
          return nil
        }
        buffer.removeFirst(offset)
        offset = 0
        buffer += chunk
      }
    }
  }

  /// Decodes the record at `start`; `nil` when the bytes there do not hold a whole record.
  static func decode(_ raw: UnsafeRawBufferPointer, at start: Int) -> (device: Device, next: Int)? {
    var offset = start
    guard offset + 9 <= raw.count else { return nil }
    let flags = raw[offset]
    offset += 1
    let millis = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self))
    offset += 8
    var fields: [String] = []
    fields.reserveCapacity(8)
    for _ in 0..<8 {
      guard offset + 4 <= raw.count else { return nil }
      let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
      offset += 4
      guard offset + length <= raw.count else { return nil }
      fields.append(
        String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + length]), as: UTF8.self))
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

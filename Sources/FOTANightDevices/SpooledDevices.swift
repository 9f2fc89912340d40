import FOTAModel
import Foundation

/// The devices of a ``DeviceSpool``, with their plans, read back in IMEI order.
///
/// In the usual case (pages arrive in IMEI order) the file is read front to back in 1 MiB chunks;
/// otherwise it is mapped and visited through a sorted index of ids and offsets.
public struct SpooledDevices: Sequence, Sendable {
  private let url: URL
  private let order: (data: Data, offsets: [Int])?
  private let tables: PlanTables
  /// Number of devices.
  public let count: Int

  init(url: URL, count: Int, sorted: Bool, tables: PlanTables) throws {
    self.url = url
    self.count = count
    self.tables = tables
    guard sorted else {
      order = nil
      return
    }
    let data = try Data(contentsOf: url, options: .alwaysMapped)
    var index: [(id: String, offset: Int)] = []
    index.reserveCapacity(count)
    data.withUnsafeBytes { raw in
      var offset = 0
      while let (record, next) = SpoolRecord.decode(raw, at: offset, tables: .empty) {
        index.append((record.device.deviceId, offset))
        offset = next
      }
    }
    order = (data, index.sorted { DeviceID.precedes($0.id, $1.id) }.map(\.offset))
  }

  public func makeIterator() -> AnyIterator<PlannedDevice> {
    let tables = self.tables
    if let order {
      var position = 0
      return AnyIterator {
        guard position < order.offsets.count else { return nil }
        defer { position += 1 }
        return order.data.withUnsafeBytes {
          SpoolRecord.decode($0, at: order.offsets[position], tables: tables)?.device
        }
      }
    }
    let handle = FileHandle(forReadingAtPath: url.path)
    var buffer: [UInt8] = []
    var offset = 0
    var exhausted = handle == nil
    return AnyIterator {
      while true {
        if let (record, next) = buffer.withUnsafeBytes({ SpoolRecord.decode($0, at: offset, tables: tables) })
        {
          offset = next
          return record
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
}

import FOTAModel

/// Devices kept in memory in the spool's binary form: about a third of the room `Device` values
/// take, for lists that grow with a night's changes.
public struct CompactDevices: Sendable, Sequence {
  private var bytes: [UInt8] = []
  /// Devices kept.
  public private(set) var count = 0

  /// An empty list.
  public init() {}

  /// Keeps a device.
  public mutating func append(_ device: Device) {
    SpoolRecord.encode(device, plan: nil, into: &bytes)
    count += 1
  }

  /// The devices, in the order kept.
  public func makeIterator() -> AnyIterator<Device> {
    let bytes = self.bytes
    var offset = 0
    return AnyIterator {
      bytes.withUnsafeBytes { raw in
        guard let (record, next) = SpoolRecord.decode(raw, at: offset, tables: .empty) else { return nil }
        offset = next
        return record.device
      }
    }
  }
}

import FOTAModel

/// Formats one device's rows of a per-device file into bytes, with no state of its own, so that
/// the collector can run it on any core ahead of the ordered write (see ``DeviceBatch``).
public protocol DeviceRowFormatter: Sendable {
  /// Appends the bytes `record` adds to the file.
  func format(_ record: PlannedDevice, into bytes: inout [UInt8])
}

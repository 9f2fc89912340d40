import FOTAModel

/// A file written one device at a time, in IMEI order: the per-device outputs. Each device is
/// read from the spool once and handed to every writer in turn.
public protocol DeviceRowWriter: AnyObject {
  /// Names the writer in errors.
  var name: String { get }
  /// Writes one device and its plan.
  func write(_ record: PlannedDevice) throws
  /// Completes the file.
  func finish() throws
}

import FOTAAggregate
import FOTAModel

/// A file written one device at a time, in IMEI order: the per-device outputs. Each device is
/// handed to every writer once, while collecting or from the spool (see ``DeviceOutputs``).
public protocol DeviceRowWriter: AnyObject {
  /// Names the writer in errors.
  var name: String { get }
  /// Writes one device and its plan.
  func write(_ record: PlannedDevice) throws
  /// Completes the file.
  func finish() throws
  /// Starts the file again, empty, for the devices to be written anew.
  func restart() throws
  /// Removes what was written: the file is not part of the night.
  func discard()
}

/// A per-device file whose rows a ``DeviceRowFormatter`` can make on any core, ahead of the
/// ordered write.
public protocol FormattingRowWriter: DeviceRowWriter {
  /// Makes the file's rows.
  var formatter: any DeviceRowFormatter { get }
  /// Appends rows the formatter made, as they are.
  func write(formatted bytes: UnsafeBufferPointer<UInt8>) throws
}

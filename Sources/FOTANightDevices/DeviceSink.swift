import FOTAModel

/// Receives each counted device with its plan, once, in IMEI order: the per-device outputs.
///
/// The collector feeds a sink page by page while the night arrives in IMEI order (the usual
/// case), so no device is read back from the spool for it; when the order breaks, it stops, and
/// the outputs are written from the spool, sorted, one device at a time instead.
public protocol DeviceSink: AnyObject {
  /// Formatters the collector runs on every core for each page, ahead of ``write(_:)-(DeviceBatch)``.
  var formatters: [any DeviceRowFormatter] { get }
  /// Takes the next page's devices, formatted ahead.
  func write(_ batch: DeviceBatch) throws
  /// Takes the next device.
  func write(_ record: PlannedDevice) throws
}

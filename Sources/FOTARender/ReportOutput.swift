import FOTAModel
import FOTANightDevices

/// One output of the night's report, written by the one type that owns its format: an optional
/// per-device part, handed every device once in IMEI order, and a summary part, written from the
/// night's figures once every device has passed.
///
/// Outputs are opened before collecting, so that the collector can feed their per-device parts
/// as the pages arrive (see ``ReportOutputs``). Every output is registered once, in
/// ``ReportOutputs/registered``.
public protocol ReportOutput {
  /// Names the output in errors.
  var name: String { get }
  /// The output's per-device part; ``DevicePart/none`` (the default) when it is made from the
  /// night's figures alone.
  var devicePart: DevicePart { get }
  /// Takes the next devices' bytes, made by the part's formatter, in IMEI order.
  func write(formatted rows: UnsafeBufferPointer<UInt8>) throws
  /// Takes the next device (every device, when the part has no formatter).
  func write(_ record: PlannedDevice) throws
  /// Starts the per-device part again, empty, for the devices to be written anew.
  func restart() throws
  /// Writes the summary part from the night's figures and completes the output's files.
  func complete(_ report: ReportModel, into folder: ReportFolder) throws
  /// Removes what was written: the output is not part of the night.
  func discard()
}

/// How an output takes each device.
public enum DevicePart {
  /// It takes none.
  case none
  /// As the bytes its formatter makes on any core, ahead of the ordered write.
  case formatted(any DeviceRowFormatter)
  /// One record at a time, in order (a C library's writer with state of its own).
  case records
}

extension ReportOutput {
  public var devicePart: DevicePart { .none }

  /// Whether the output has a per-device part.
  public var takesDevices: Bool {
    if case .none = devicePart { false } else { true }
  }

  public func write(formatted rows: UnsafeBufferPointer<UInt8>) throws {}

  public func write(_ record: PlannedDevice) throws {}

  public func restart() throws {}

  public func discard() {}
}

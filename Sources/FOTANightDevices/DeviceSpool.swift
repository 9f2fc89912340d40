import FOTAModel
import Foundation

/// Keeps normalised devices, with their plans, on disk for the outputs that need one row per
/// device.
///
/// Devices are appended as they arrive, in a compact binary form, so memory stays flat however
/// large the fleet; ``devicesInIMEIOrder(tables:)`` reads them back in ascending IMEI order,
/// sorting only an index of ids and offsets when the input was not already in order.
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
    handle = try FileHandle.writingEmptyFile(at: url)
    buffer.reserveCapacity(1 << 20)
  }

  deinit {
    try? handle.close()
  }

  /// Appends one device and its plan.
  public func append(_ device: Device, plan: DevicePlan? = nil) throws {
    if let lastId, !DeviceID.precedes(lastId, device.deviceId) { isAscending = false }
    lastId = device.deviceId
    count += 1
    SpoolRecord.encode(device, plan: plan, into: &buffer)
    if buffer.count >= 1 << 20 { try flush() }
  }

  /// Appends the records of a page `kept` marks (all when `nil`), encoded ahead in `batch`;
  /// `records` are the page's devices, in the batch's order.
  public func append(_ batch: SpoolBatch, records: [PlannedDevice], kept: [Bool]?) throws {
    let ids = records.indices.lazy.filter { kept?[$0] ?? true }.map { records[$0].device.deviceId }
    if isAscending {
      if batch.ascending {
        // The page ascends: only its first counted id needs comparing with the last one before.
        if let first = ids.first, let lastId, !DeviceID.precedes(lastId, first) { isAscending = false }
      } else {
        var previous = lastId
        for id in ids {
          if let previous, !DeviceID.precedes(previous, id) {
            isAscending = false
            break
          }
          previous = id
        }
      }
    }
    var added = 0
    var last: String?
    for id in ids {
      added += 1
      last = id
    }
    guard added > 0 else { return }
    lastId = last
    count += added
    batch.rows.withKeptBytes(kept) { buffer.append(contentsOf: $0) }
    if buffer.count >= 1 << 20 { try flush() }
  }

  /// Writes buffered records to the file.
  public func flush() throws {
    guard !buffer.isEmpty else { return }
    try handle.write(buffer, naming: url)
    buffer.removeAll(keepingCapacity: true)
  }

  /// Every device, in ascending IMEI order, with its plan; `tables` are the night's tables the
  /// plans refer to by index.
  public func devicesInIMEIOrder(tables: PlanTables = .empty) throws -> SpooledDevices {
    try flush()
    return try SpooledDevices(url: url, count: count, sorted: !isAscending, tables: tables)
  }
}

import FOTAModel
import FOTANightDevices

/// Compares tonight's devices with the previous night's ``DeviceIndex`` as they are collected in
/// IMEI order (a ``DeviceSink``), so that a later night's history step reads neither the spool
/// nor the unchanged devices again. Each device's id and digest are made on any core, with the
/// page's other rows; the merge takes them in order.
///
/// A feed that cannot be used (ids that are not plain numbers, a history that does not read
/// back) stops quietly: the night is then compared from the spool, which reports any failure.
public final class HistoryFeed: DeviceSink {
  let account: String
  let filter: String
  /// The run tonight is compared with.
  let previousRunId: Int64
  private(set) var merge: DeviceIndexMerge

  init(account: String, filter: String, previousRunId: Int64, merge: DeviceIndexMerge) {
    self.account = account
    self.filter = filter
    self.previousRunId = previousRunId
    self.merge = merge
  }

  public var formatters: [any DeviceRowFormatter] { [Entries()] }

  public func write(_ batch: DeviceBatch) {
    guard merge.usable, let rows = batch.formatted.first else { return }
    let records = batch.records
    var record = records.startIndex
    rows.withKeptBytes(batch.kept) { bytes in
      for start in stride(from: 0, to: bytes.count - Entries.size + 1, by: Entries.size) {
        while let kept = batch.kept, record < records.endIndex, !kept[record] { record += 1 }
        guard merge.usable, record < records.endIndex else { return }
        let id = Entries.load(bytes, at: start)
        guard id != Entries.notIndexed else { return merge.giveUp() }
        let index = record
        record += 1
        take { try $0.take(records[index].device, id: id, digest: Entries.load(bytes, at: start + 8)) }
      }
    }
  }

  public func write(_ record: PlannedDevice) {
    take { try $0.take(record.device) }
  }

  /// The merge, ended; compared with run ``previousRunId`` only.
  func finished() -> DeviceIndexMerge {
    take { try $0.finish() }
    return merge
  }

  private func take(_ step: (inout DeviceIndexMerge) throws -> Void) {
    do {
      try step(&merge)
    } catch {
      merge.giveUp()
    }
  }

  /// Each device's id (``notIndexed`` when it has no numeric one) and digest, 8 bytes each.
  struct Entries: DeviceRowFormatter {
    static let size = 16
    static let notIndexed = UInt64.max

    func format(_ record: PlannedDevice, into bytes: inout [UInt8]) {
      let device = record.device
      let id = DeviceID.number(device.deviceId)
      withUnsafeBytes(of: (id ?? Self.notIndexed).littleEndian) { bytes.append(contentsOf: $0) }
      let digest = id == nil ? 0 : DeviceIndex.digest(device)
      withUnsafeBytes(of: digest.littleEndian) { bytes.append(contentsOf: $0) }
    }

    static func load(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
      var value: UInt64 = 0
      for index in stride(from: offset + 7, through: offset, by: -1) {
        value = value << 8 | UInt64(bytes[index])
      }
      return value
    }
  }
}

import FOTAModel
import Foundation

/// The counted devices of one range of a night collected in ranges, held on disk, batch by
/// batch, until the ranges before it have been written: each batch in the spool's form and in
/// the rows of every formatter, so that writing it later, in IMEI order, costs a read instead of
/// a second decoding and formatting.
///
/// A batch is one frame: its byte length (8 bytes), whether it ascends (1 byte), the spool's
/// rows, then the number of formatters (4 bytes) and each formatter's rows; rows are a count, the
/// end of each row and the bytes. Numbers are little-endian.
public final class HeldBatches {
  /// Where the batches are held.
  public let url: URL
  private let handle: FileHandle
  private var frame: [UInt8] = []
  /// Batches held.
  public private(set) var count = 0

  /// Creates an empty file at `url`.
  public init(url: URL) throws {
    self.url = url
    handle = try FileHandle.writingEmptyFile(at: url)
  }

  deinit {
    try? handle.close()
  }

  /// Holds the devices of `batch` that it counts, with their spool form `spooled`.
  public func hold(_ batch: DeviceBatch, spooled: SpoolBatch) throws {
    frame.removeAll(keepingCapacity: true)
    frame += [UInt8](repeating: 0, count: 8)
    frame.append(spooled.ascending ? 1 : 0)
    Self.append(spooled.rows.keeping(batch.kept), to: &frame)
    Self.append(UInt32(batch.formatted.count), to: &frame)
    for rows in batch.formatted { Self.append(rows.keeping(batch.kept), to: &frame) }
    withUnsafeBytes(of: UInt64(frame.count - 8).littleEndian) { length in
      for offset in 0..<8 { frame[offset] = length[offset] }
    }
    try handle.write(frame, naming: url)
    count += 1
  }

  /// Closes the file; what it holds is read with ``read(_:tables:_:)``.
  public func finish() throws {
    try handle.synchronizeAndClose(naming: url)
  }

  /// Reads every batch held in the file at `url`, in order: its spool form and the batch, its
  /// devices decoded from the spool form with the plans' tables in `tables`, every one counted.
  public static func read(
    _ url: URL, tables: PlanTables, _ body: (SpoolBatch, DeviceBatch) throws -> Void
  ) throws {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    while let header = try handle.read(upToCount: 8), !header.isEmpty {
      let length =
        header.count == 8
        ? header.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) } : 0
      guard length > 0, let data = try handle.read(upToCount: Int(length)), data.count == Int(length) else {
        throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
      }
      let bytes = [UInt8](data)
      var reader = FrameReader(bytes: bytes)
      guard let ascending = reader.byte(), let spool = reader.rows(), let formatters = reader.number() else {
        throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
      }
      var formatted: [FormattedRows] = []
      for _ in 0..<formatters {
        guard let rows = reader.rows() else {
          throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        formatted.append(rows)
      }
      var records: [PlannedDevice] = []
      records.reserveCapacity(spool.ends.count)
      try spool.bytes.withUnsafeBytes { raw in
        var offset = 0
        for _ in spool.ends {
          guard let (record, next) = SpoolRecord.decode(raw, at: offset, tables: tables) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
          }
          records.append(record)
          offset = next
        }
      }
      try body(
        SpoolBatch(rows: spool, ascending: ascending == 1),
        DeviceBatch(records: records, kept: nil, formatted: formatted))
    }
  }

  private static func append(_ rows: FormattedRows, to frame: inout [UInt8]) {
    append(UInt32(rows.ends.count), to: &frame)
    for end in rows.ends { append(UInt32(end), to: &frame) }
    frame += rows.bytes
  }

  private static func append(_ value: UInt32, to frame: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { frame += $0 }
  }

  /// Reads a frame's fields front to back; `nil` at bytes that do not hold one.
  private struct FrameReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func byte() -> UInt8? {
      guard offset < bytes.count else { return nil }
      defer { offset += 1 }
      return bytes[offset]
    }

    mutating func number() -> Int? {
      guard offset + 4 <= bytes.count else { return nil }
      defer { offset += 4 }
      return bytes.withUnsafeBytes {
        Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
      }
    }

    mutating func rows() -> FormattedRows? {
      guard let count = number() else { return nil }
      var ends: [Int] = []
      ends.reserveCapacity(count)
      for _ in 0..<count {
        guard let end = number(), end >= (ends.last ?? 0) else { return nil }
        ends.append(end)
      }
      let length = ends.last ?? 0
      guard offset + length <= bytes.count else { return nil }
      defer { offset += length }
      return FormattedRows(bytes: Array(bytes[offset..<offset + length]), ends: ends)
    }
  }
}

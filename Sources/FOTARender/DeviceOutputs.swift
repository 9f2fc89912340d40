import FOTAAggregate
import FOTAModel

/// The per-device files of a night, written together: each device goes to every writer once, in
/// IMEI order. The collector feeds them while the night arrives in order; otherwise they start
/// again and are written from the sorted spool. A writer's failure is a ``RenderError`` naming it.
public final class DeviceOutputs: DeviceSink {
  /// The writers, in the order they are handed each device.
  public private(set) var writers: [any DeviceRowWriter]

  /// Wraps `writers`.
  public init(_ writers: [any DeviceRowWriter]) {
    self.writers = writers
  }

  /// The formatters of the writers that have one, in the writers' order.
  public var formatters: [any DeviceRowFormatter] {
    writers.compactMap { ($0 as? any FormattingRowWriter)?.formatter }
  }

  public func write(_ batch: DeviceBatch) throws {
    var formatted = batch.formatted.makeIterator()
    for writer in writers {
      try Self.attempt(writer.name) {
        if let writer = writer as? any FormattingRowWriter, let rows = formatted.next() {
          try rows.withKeptBytes(batch.kept) { try writer.write(formatted: $0) }
        } else {
          for record in batch.keptRecords { try writer.write(record) }
        }
      }
    }
  }

  public func write(_ record: PlannedDevice) throws {
    for writer in writers { try Self.attempt(writer.name) { try writer.write(record) } }
  }

  /// Writes every device of `devices` after starting each file again.
  public func rewrite(_ devices: some Sequence<PlannedDevice>) throws {
    for writer in writers { try Self.attempt(writer.name) { try writer.restart() } }
    for record in devices { try write(record) }
  }

  /// Completes every file.
  public func finish() throws {
    for writer in writers { try Self.attempt(writer.name) { try writer.finish() } }
  }

  /// Removes the writers `isUnwanted` picks, and what they wrote.
  public func discard(where isUnwanted: (any DeviceRowWriter) -> Bool) {
    for writer in writers where isUnwanted(writer) { writer.discard() }
    writers.removeAll(where: isUnwanted)
  }

  /// Runs one writer's step, naming it in any failure.
  static func attempt(_ name: String, _ body: () throws -> Void) throws(RenderError) {
    do {
      try body()
    } catch let error as RenderError {
      throw error
    } catch {
      throw .renderFailed(renderer: name, reason: ErrorText.describe(error))
    }
  }
}

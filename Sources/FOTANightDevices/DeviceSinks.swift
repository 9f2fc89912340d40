import FOTAModel

/// Several sinks fed as one: each takes every batch with the rows of its own formatters.
public final class DeviceSinks: DeviceSink {
  private let sinks: [any DeviceSink]
  /// How many formatters each sink has, in order.
  private let counts: [Int]
  public let formatters: [any DeviceRowFormatter]

  /// Feeds `sinks`, in order.
  public init(_ sinks: [any DeviceSink]) {
    self.sinks = sinks
    let formatters = sinks.map(\.formatters)
    counts = formatters.map(\.count)
    self.formatters = formatters.flatMap { $0 }
  }

  public func write(_ batch: DeviceBatch) throws {
    var start = 0
    for (sink, count) in zip(sinks, counts) {
      var part = batch
      part.formatted = Array(batch.formatted[start..<start + count])
      start += count
      try sink.write(part)
    }
  }

  public func write(_ record: PlannedDevice) throws {
    for sink in sinks { try sink.write(record) }
  }
}

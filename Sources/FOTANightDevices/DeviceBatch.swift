import FOTAModel

/// One page's counted devices for a ``DeviceSink``, with what could be done for them on any core.
public struct DeviceBatch: Sendable {
  /// The page's devices with their plans, in page order, the duplicates among them included.
  public var records: [PlannedDevice]
  /// Which of ``records`` were counted (`nil`: all); the others are not written.
  public var kept: [Bool]?
  /// The rows of each of the sink's ``DeviceSink/formatters``, in its order.
  public var formatted: [FormattedRows]

  public init(records: [PlannedDevice], kept: [Bool]?, formatted: [FormattedRows]) {
    self.records = records
    self.kept = kept
    self.formatted = formatted
  }

  /// The counted records.
  public var keptRecords: some Sequence<PlannedDevice> {
    records.indices.lazy.filter { kept?[$0] ?? true }.map { records[$0] }
  }
}

import FOTAModel

/// One page's devices by aggregation cell, found away from the aggregator on any core, so that
/// the aggregator's ordered work is one array update a device and one lookup a distinct cell.
public struct PageCells: Sendable {
  /// The page's distinct cells, in the order first seen.
  let cells: [AggregationCell]
  /// Each device's cell, as an index into ``cells``.
  let cellOf: [Int32]

  /// Groups the devices of `records` for a report as of `asOf`.
  public init(_ records: [PlannedDevice], asOf: Int64) {
    var cells: [AggregationCell] = []
    var index: [AggregationCell: Int32] = [:]
    var cellOf: [Int32] = []
    // A page's devices fall into a few hundred cells at most: sized once, never grown.
    cells.reserveCapacity(records.count)
    index.reserveCapacity(records.count)
    cellOf.reserveCapacity(records.count)
    for offset in records.indices {
      let cell = AggregationCell(records[offset].device, asOf: asOf)
      if let position = index[cell] {
        cellOf.append(position)
      } else {
        let position = Int32(cells.count)
        index[cell] = position
        cells.append(cell)
        cellOf.append(position)
      }
    }
    self.cells = cells
    self.cellOf = cellOf
  }
}

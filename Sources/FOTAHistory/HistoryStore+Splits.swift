import FOTAModel
import Foundation

extension HistoryStore {
  /// Neighbours tried, on each side, when a split IMEI has left the account.
  public static let splitNeighbours = 2

  /// Where to split tonight's collection into `ranges` ranges: for each of the `ranges − 1`
  /// split points, last night's IMEI at the even quantile of the account and filter, then its
  /// neighbours (one below, one above, two below, two above). Fewer ranges when last night had
  /// fewer than `minimumPerRange` devices for each; none without a last night. Only ids that are
  /// all digits are taken: ThingSpace takes only an IMEI as `startIndex`.
  public func splitCandidates(
    account: String, clientTypeFilter: String?, ranges: Int, minimumPerRange: Int = 1_000
  ) throws(HistoryError) -> [[String]] {
    let filter = clientTypeFilter ?? ""
    return try access {
      try self.database.read { sql -> [[String]] in
        guard let runId = try RunTable(sql: sql).latestPublished(account: account, filter: filter)?.id else {
          return []
        }
        if let count = try DeviceIndex.deviceCount(sql, runId: runId),
          var reader = try DeviceIndex.Reader(sql, runId: runId)
        {
          // Last night's index holds its ids in IMEI order: one pass, no scan of the device table.
          return try Self.splits(count: count, ranges: ranges, minimumPerRange: minimumPerRange) { windows in
            var wanted = windows.flatMap { $0 }.makeIterator()
            var next = wanted.next()
            var ids: [Int: String] = [:]
            var position = 0
            while let target = next, let entry = try reader.next() {
              if position == target {
                ids[position] = String(entry.id)
                next = wanted.next()
              }
              position += 1
            }
            return windows.map { $0.compactMap { ids[$0] } }
          }
        }
        let devices = DeviceTable(sql: sql, account: account, filter: filter)
        return try Self.splits(count: try devices.count(), ranges: ranges, minimumPerRange: minimumPerRange) {
          windows in try windows.map { try devices.ids(at: $0) }
        }
      }
    }
  }

  /// The candidates of each split point of `count` devices in IMEI order, the ids at each window
  /// of positions (the quantile and its neighbours, in order) read by `ids`.
  private static func splits(
    count: Int, ranges: Int, minimumPerRange: Int, ids: ([Range<Int>]) throws -> [[String]]
  ) rethrows -> [[String]] {
    let usable = min(ranges, count / max(1, minimumPerRange))
    guard usable > 1 else { return [] }
    let neighbours = splitNeighbours
    let positions = (1..<usable).map { count * $0 / usable }
    let windows = positions.map { max(0, $0 - neighbours)..<min(count, $0 + neighbours + 1) }
    var splits: [[String]] = []
    for (position, window) in zip(positions, try ids(windows)) {
      let centre = position - max(0, position - neighbours)
      var order = [centre]
      for step in 1...neighbours { order += [centre - step, centre + step] }
      let candidates = order.filter { window.indices.contains($0) }.map { window[$0] }
        .filter(DeviceID.isDigits)
      if !candidates.isEmpty { splits.append(candidates) }
    }
    return splits
  }
}

import FOTAModel
import Foundation
import GRDB

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
      try self.pool.read { db -> [[String]] in
        guard try Self.latestRun(db, account, filter) != nil else { return [] }
        let count =
          try Int.fetchOne(
            db, sql: "SELECT count(*) FROM device WHERE account = ? AND clientTypeFilter = ?",
            arguments: [account, filter]) ?? 0
        let usable = min(ranges, count / max(1, minimumPerRange))
        guard usable > 1 else { return [] }
        let neighbours = Self.splitNeighbours
        var splits: [[String]] = []
        for split in 1..<usable {
          let position = count * split / usable
          let window = try String.fetchAll(
            db,
            sql: """
              SELECT deviceId FROM device WHERE account = ? AND clientTypeFilter = ?
              ORDER BY sortKey LIMIT ? OFFSET ?
              """,
            arguments: [account, filter, 2 * neighbours + 1, max(0, position - neighbours)])
          let centre = min(neighbours, position)
          var order = [centre]
          for step in 1...neighbours { order += [centre - step, centre + step] }
          let candidates = order.filter { window.indices.contains($0) }.map { window[$0] }
            .filter { !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }
          if !candidates.isEmpty { splits.append(candidates) }
        }
        return splits
      }
    }
  }
}

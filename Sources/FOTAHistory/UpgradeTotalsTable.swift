import FOTAModel
import GRDB

/// The `upgradeTotals` table, every statement that touches it: each run's upgrades (from
/// ThingSpace's upgrade reports) with their device entries by outcome, so that the next night can
/// say how many devices each upgrade moved since.
struct UpgradeTotalsTable {
  let db: Database

  /// Records run `runId`'s upgrades.
  func insert(runId: Int64, _ upgrades: [UpgradeTotals]) throws {
    let statement = try db.makeStatement(
      sql: """
        INSERT INTO upgradeTotals (runId, upgradeId, status, devices, succeeded, failed, inProgress, pending, other)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for upgrade in upgrades {
      try statement.execute(arguments: [
        runId, upgrade.upgradeId, upgrade.status, upgrade.devices, upgrade.succeeded, upgrade.failed,
        upgrade.inProgress, upgrade.pending, upgrade.other,
      ])
    }
  }

  /// Run `runId`'s upgrades by id; `nil` when that run read no upgrade reports.
  func upgrades(runId: Int64) throws -> [String: UpgradeTotals]? {
    guard try Bool.fetchOne(db, sql: "SELECT readUpgrades FROM run WHERE id = ?", arguments: [runId]) == true
    else { return nil }
    let rows = try Row.fetchAll(
      db, sql: "SELECT * FROM upgradeTotals WHERE runId = ? ORDER BY upgradeId", arguments: [runId])
    var upgrades: [String: UpgradeTotals] = [:]
    for row in rows {
      let totals = UpgradeTotals(
        upgradeId: row["upgradeId"], status: row["status"], devices: row["devices"],
        succeeded: row["succeeded"],
        failed: row["failed"], inProgress: row["inProgress"], pending: row["pending"], other: row["other"])
      upgrades[totals.upgradeId] = totals
    }
    return upgrades
  }

  /// Marks run `runId` as having read the upgrade reports (even when they held no upgrade).
  func markRead(runId: Int64) throws {
    try db.execute(sql: "UPDATE run SET readUpgrades = 1 WHERE id = ?", arguments: [runId])
  }
}

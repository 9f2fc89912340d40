import FOTAModel

/// The `upgradeTotals` table, every statement that touches it: each run's upgrades (from
/// ThingSpace's upgrade reports) with their device entries by outcome, so that the next night can
/// say how many devices each upgrade moved since.
struct UpgradeTotalsTable {
  let sql: any HistorySQL

  /// Records run `runId`'s upgrades.
  func insert(runId: Int64, _ upgrades: [UpgradeTotals]) throws {
    var batch = try sql.batch(
      into: "upgradeTotals",
      columns: [
        "runId", "upgradeId", "status", "devices", "succeeded", "failed", "inProgress", "pending", "other",
      ], conflict: "")
    for upgrade in upgrades {
      try batch.add([
        runId, upgrade.upgradeId, upgrade.status, upgrade.devices, upgrade.succeeded, upgrade.failed,
        upgrade.inProgress, upgrade.pending, upgrade.other,
      ])
    }
    try batch.finish()
  }

  /// Run `runId`'s upgrades by id; `nil` when that run read no upgrade reports.
  func upgrades(runId: Int64) throws -> [String: UpgradeTotals]? {
    guard try sql.int64("SELECT readUpgrades FROM run WHERE id = ?", [runId]) == 1 else { return nil }
    let rows = try sql.rows(
      """
      SELECT upgradeId, status, devices, succeeded, failed, inProgress, pending, other FROM upgradeTotals
      WHERE runId = ? ORDER BY upgradeId
      """, [runId])
    var upgrades: [String: UpgradeTotals] = [:]
    for row in rows {
      let totals = UpgradeTotals(
        upgradeId: try row.string("upgradeId"), status: try row.string("status"),
        devices: try row.int("devices"),
        succeeded: try row.int("succeeded"), failed: try row.int("failed"),
        inProgress: try row.int("inProgress"),
        pending: try row.int("pending"), other: try row.int("other"))
      upgrades[totals.upgradeId] = totals
    }
    return upgrades
  }

  /// Marks run `runId` as having read the upgrade reports (even when they held no upgrade).
  func markRead(runId: Int64) throws {
    try sql.execute("UPDATE run SET readUpgrades = 1 WHERE id = ?", [runId])
  }
}

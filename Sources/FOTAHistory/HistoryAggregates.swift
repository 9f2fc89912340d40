import FOTAAggregate
import FOTAModel
import GRDB

/// Per-run aggregates: the same groups as the reports, for trends.
enum HistoryAggregates {
  static func insert(_ db: Database, runId: Int64, summary: FleetSummary) throws {
    let statement = try db.makeStatement(
      sql: """
        INSERT INTO aggregate (runId, dimension, make, model, value, devices, fotaEligible, licenseAssigned,
          ready, needsLicense, ineligible, upgraded, neverUpgraded, unknownUpgrade, invalidUpgrade,
          latestUpgrade)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    func insert(_ dimension: String, _ make: String, _ model: String, _ value: String, _ counts: GroupCounts)
      throws
    {
      try statement.execute(arguments: [
        runId, dimension, make, model, value, counts.devices, counts.fotaEligible, counts.licenseAssigned,
        counts.ready, counts.needsLicense, counts.ineligible, counts.upgraded, counts.neverUpgraded,
        counts.unknownUpgrade, counts.invalidUpgrade, counts.latestUpgrade,
      ])
    }
    try insert("total", "", "", "", summary.totals)
    for (key, counts) in summary.byModel { try insert("model", key.make, key.model, "", counts) }
    for (key, counts) in summary.byModelFirmware {
      try insert("model-firmware", key.model.make, key.model.model, key.firmware, counts)
    }
    for (firmware, counts) in summary.byFirmware { try insert("firmware", "", "", firmware, counts) }
    for (key, counts) in summary.byReadiness { try insert("readiness", "", "", key.rawValue, counts) }
    for (key, counts) in summary.byEligibility { try insert("fotaEligible", "", "", String(key), counts) }
    for (key, counts) in summary.byLicense { try insert("licenseAssigned", "", "", String(key), counts) }
    for (key, counts) in summary.byClientType { try insert("clientType", "", "", key, counts) }
    for (key, counts) in summary.byStatus { try insert("status", "", "", key, counts) }
    for (key, counts) in summary.byUpgradeAge { try insert("upgradeAge", "", "", key.rawValue, counts) }
  }
}

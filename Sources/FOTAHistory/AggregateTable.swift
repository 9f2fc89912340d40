import FOTAModel

/// The `aggregate` table, every statement that touches it: each run's figures by group, the
/// same groups as the reports, for `history show` and the trends.
struct AggregateTable {
  let sql: any HistorySQL

  /// Records run `runId`'s figures.
  func insert(runId: Int64, summary: FleetSummary) throws {
    var batch = try sql.batch(
      into: "aggregate",
      columns: [
        "runId", "dimension", "make", "model", "value", "devices", "fotaEligible", "licenseAssigned", "ready",
        "needsLicense", "ineligible", "upgraded", "neverUpgraded", "unknownUpgrade", "invalidUpgrade",
        "latestUpgrade",
      ], conflict: "")
    func insert(_ dimension: String, _ make: String, _ model: String, _ value: String, _ counts: GroupCounts)
      throws
    {
      try batch.add([
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
    try batch.finish()
  }

  /// Run `runId`'s devices by readiness, upgrade age, client type and status.
  func groups(runId: Int64) throws -> [(dimension: String, value: String, devices: Int)] {
    try sql.rows(
      """
      SELECT dimension, value, devices FROM aggregate
      WHERE runId = ? AND dimension IN ('readiness', 'upgradeAge', 'clientType', 'status')
      ORDER BY dimension, devices DESC, value
      """, [runId]
    ).map {
      (dimension: try $0.string("dimension"), value: try $0.string("value"), devices: try $0.int("devices"))
    }
  }

  /// The devices of each model in each of `runIds`.
  func modelDevices(runIds: [Int64]) throws -> [(runId: Int64, model: ModelKey, devices: Int)] {
    guard !runIds.isEmpty else { return [] }
    return try sql.rows(
      """
      SELECT runId, make, model, devices FROM aggregate
      WHERE dimension = 'model' AND runId IN (\(ChangeTable.list(runIds)))
      """, []
    ).map {
      (
        try $0.int64("runId"), ModelKey(make: try $0.string("make"), model: try $0.string("model")),
        try $0.int("devices")
      )
    }
  }

  /// The devices of each model and firmware in each of `runIds`, by run, model and firmware.
  func modelFirmwareDevices(runIds: [Int64]) throws
    -> [(runId: Int64, model: ModelKey, firmware: String, devices: Int)]
  {
    guard !runIds.isEmpty else { return [] }
    return try sql.rows(
      """
      SELECT runId, make, model, value, devices FROM aggregate
      WHERE dimension = 'model-firmware' AND runId IN (\(ChangeTable.list(runIds)))
      ORDER BY runId, make, model, value
      """, []
    ).map {
      (
        try $0.int64("runId"), ModelKey(make: try $0.string("make"), model: try $0.string("model")),
        try $0.string("value"), try $0.int("devices")
      )
    }
  }

  /// Drops the figures of the runs older than the last `keepNights` of their account and
  /// filter; returns how many rows.
  func prune(keepNights: Int) throws -> Int {
    try sql.execute("DELETE FROM aggregate WHERE runId IN (\(RunTable.olderThanLastSQL))", [keepNights])
  }
}

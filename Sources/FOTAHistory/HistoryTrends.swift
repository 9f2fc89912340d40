import FOTAAggregate
import FOTANormalise
import GRDB

/// Reads adoption trends and upgrade velocity from the per-run aggregates and the change log.
enum HistoryTrends {
  static func compute(
    _ db: Database, account: String, filter: String, nights windowNights: Int, targetPercent: Double
  ) throws -> FleetTrends {
    let runs = try Row.fetchAll(
      db,
      sql: "SELECT id, night FROM run WHERE account = ? AND clientTypeFilter = ? ORDER BY id DESC LIMIT ?",
      arguments: [account, filter, max(windowNights, 1)]
    ).reversed()
    let ids = runs.map { $0["id"] as Int64 }
    let nights = runs.map { $0["night"] as String }
    guard let lastId = ids.last, let firstNight = nights.first, let lastNight = nights.last else {
      return FleetTrends(nights: [], targetPercent: targetPercent, models: [])
    }
    let nightOf = Dictionary(uniqueKeysWithValues: zip(ids, nights))
    let list = ids.map(String.init).joined(separator: ",")

    var modelDevices: [Int64: [ModelKey: Int]] = [:]
    for row in try Row.fetchAll(
      db,
      sql:
        "SELECT runId, make, model, devices FROM aggregate WHERE dimension = 'model' AND runId IN (\(list))")
    {
      modelDevices[row["runId"], default: [:]][ModelKey(make: row["make"], model: row["model"])] =
        row["devices"]
    }
    var points: [ModelKey: [ModelTrend.Point]] = [:]
    var tonight: [ModelKey: [(firmware: String, devices: Int, latest: Int64)]] = [:]
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT runId, make, model, value, devices, latestUpgrade FROM aggregate
        WHERE dimension = 'model-firmware' AND runId IN (\(list)) ORDER BY runId, make, model, value
        """)
    {
      let runId: Int64 = row["runId"]
      let model = ModelKey(make: row["make"], model: row["model"])
      let devices: Int = row["devices"]
      let firmware: String = row["value"]
      points[model, default: []].append(
        ModelTrend.Point(
          night: nightOf[runId]!, firmware: firmware, devices: devices,
          modelDevices: modelDevices[runId]?[model] ?? devices))
      if runId == lastId {
        tonight[model, default: []].append((firmware, devices, row["latestUpgrade"] as Int64? ?? .min))
      }
    }

    // Firmware moves seen in the window: a model's newest firmware is one devices move to and
    // never away from.
    var movedFrom: [ModelKey: Set<String>] = [:]
    var movedTo: [ModelKey: Set<String>] = [:]
    for row in try Row.fetchAll(
      db,
      sql:
        "SELECT DISTINCT make, model, before, after FROM change WHERE kind = 'firmware' AND runId IN (\(list))"
    ) {
      let model = ModelKey(make: row["make"], model: row["model"])
      movedFrom[model, default: []].insert(row["before"])
      movedTo[model, default: []].insert(row["after"])
    }
    var newest: [ModelKey: String] = [:]
    for (model, groups) in tonight {
      let targets = groups.filter {
        movedTo[model]?.contains($0.firmware) == true && movedFrom[model]?.contains($0.firmware) != true
      }
      let pool = targets.isEmpty ? groups : targets
      newest[model] =
        pool.max {
          ($0.devices, $0.latest, $1.firmware) < ($1.devices, $1.latest, $0.firmware)
        }?.firmware
    }

    let days = max(
      Double(
        CivilCalendar.floorDays(milliseconds: UpgradeTimeParser.instant(lastNight) ?? 0)
          - CivilCalendar.floorDays(milliseconds: UpgradeTimeParser.instant(firstNight) ?? 0)), 1)
    var upgrades: [ModelKey: Int] = [:]
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT make, model, count(*) AS upgrades FROM change
        WHERE kind = 'firmware' AND runId IN (\(ids.dropFirst().map(String.init).joined(separator: ",")))
        GROUP BY make, model
        """)
    {
      upgrades[ModelKey(make: row["make"], model: row["model"])] = row["upgrades"]
    }

    let lastModels = modelDevices[lastId] ?? [:]
    let models = lastModels.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.compactMap
    {
      model, _ -> ModelTrend? in
      guard let newestFirmware = newest[model] else { return nil }
      let series = points[model] ?? []
      func onNewest(_ night: String) -> (devices: Int, total: Int) {
        let point = series.first { $0.night == night && $0.firmware == newestFirmware }
        let total = series.first { $0.night == night }?.modelDevices ?? 0
        return (point?.devices ?? 0, total)
      }
      let start = onNewest(firstNight)
      let end = onNewest(lastNight)
      let projection: ModelTrend.Projection
      if end.total > 0, Double(end.devices) * 100 >= targetPercent * Double(end.total) {
        projection = .reached
      } else if nights.count > 1, end.devices > start.devices {
        let perDay = Double(end.devices - start.devices) / days
        let needed = targetPercent * Double(end.total) / 100 - Double(end.devices)
        let lastDay = CivilCalendar.floorDays(milliseconds: UpgradeTimeParser.instant(lastNight) ?? 0)
        let reachDay = lastDay + Int64((needed / perDay).rounded(.up))
        projection = .on(
          night: CivilCalendar.isoDate(milliseconds: reachDay * CivilCalendar.millisecondsPerDay))
      } else {
        projection = .notAtThisPace
      }
      return ModelTrend(
        model: model, newestFirmware: newestFirmware, points: series,
        upgradesPerDay: nights.count > 1 ? Double(upgrades[model] ?? 0) / days : 0, projection: projection)
    }
    return FleetTrends(nights: nights, targetPercent: targetPercent, models: models)
  }
}

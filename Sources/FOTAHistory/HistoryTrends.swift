import FOTAAggregate
import FOTAModel
import GRDB

/// Reads adoption trends and upgrade velocity from the per-run aggregates and the change log of
/// the published runs, with tonight's figures (not yet recorded) as the last night.
enum HistoryTrends {
  /// Tonight, as the trends see it.
  struct Tonight {
    var night: String
    var summary: FleetSummary
    var delta: FleetDelta
  }

  /// The longest a projection looks ahead before it says "not at this pace".
  static let longestProjectionDays = 36_500

  static func compute(
    _ db: Database, account: String, filter: String, nights windowNights: Int, targetPercent: Double,
    tonight: Tonight, excluding replaced: Int64?
  ) throws -> FleetTrends {
    let earlier = try Row.fetchAll(
      db,
      sql: """
        SELECT id, night FROM run WHERE account = ? AND clientTypeFilter = ? AND state = 'published' AND id != ?
        ORDER BY id DESC LIMIT ?
        """,
      arguments: [account, filter, replaced ?? -1, max(windowNights, 1) - 1]
    ).reversed()
    let ids = earlier.map { $0["id"] as Int64 }
    let nights = earlier.map { $0["night"] as String } + [tonight.night]
    let nightOf = Dictionary(uniqueKeysWithValues: zip(ids, earlier.map { $0["night"] as String }))
    let list = ids.map(String.init).joined(separator: ",")

    // Devices per model, and per model and firmware, night by night.
    var modelDevices: [String: [ModelKey: Int]] = [:]
    var points: [ModelKey: [ModelTrend.Point]] = [:]
    for row in try Row.fetchAll(
      db,
      sql:
        "SELECT runId, make, model, devices FROM aggregate WHERE dimension = 'model' AND runId IN (\(list))")
    {
      modelDevices[nightOf[row["runId"]]!, default: [:]][ModelKey(make: row["make"], model: row["model"])] =
        row["devices"]
    }
    modelDevices[tonight.night] = tonight.summary.byModel.mapValues(\.devices)
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT runId, make, model, value, devices FROM aggregate
        WHERE dimension = 'model-firmware' AND runId IN (\(list)) ORDER BY runId, make, model, value
        """)
    {
      let night = nightOf[row["runId"]]!
      let model = ModelKey(make: row["make"], model: row["model"])
      let devices: Int = row["devices"]
      points[model, default: []].append(
        ModelTrend.Point(
          night: night, firmware: row["value"], devices: devices,
          modelDevices: modelDevices[night]?[model] ?? devices))
    }
    var tonightGroups: [ModelKey: [(firmware: String, devices: Int, latest: Int64)]] = [:]
    for (key, counts) in tonight.summary.byModelFirmware.sorted(by: { $0.key < $1.key }) {
      points[key.model, default: []].append(
        ModelTrend.Point(
          night: tonight.night, firmware: key.firmware, devices: counts.devices,
          modelDevices: tonight.summary.byModel[key.model]?.devices ?? counts.devices))
      tonightGroups[key.model, default: []].append(
        (key.firmware, counts.devices, counts.latestUpgrade ?? .min))
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
    for transition in tonight.delta.firmwareTransitions.keys {
      movedFrom[transition.model, default: []].insert(transition.from)
      movedTo[transition.model, default: []].insert(transition.to)
    }
    var newest: [ModelKey: String] = [:]
    for (model, groups) in tonightGroups {
      let targets = groups.filter {
        movedTo[model]?.contains($0.firmware) == true && movedFrom[model]?.contains($0.firmware) != true
      }
      let pool = targets.isEmpty ? groups : targets
      newest[model] =
        pool.max {
          ($0.devices, $0.latest, $1.firmware) < ($1.devices, $1.latest, $0.firmware)
        }?.firmware
    }

    // Upgrades per model: the firmware changes into each night of the window after the first.
    var upgrades: [ModelKey: Int] = [:]
    if !ids.isEmpty {
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT make, model, count(*) AS upgrades FROM change
          WHERE kind = 'firmware' AND runId IN (\(ids.dropFirst().map(String.init).joined(separator: ",")))
          GROUP BY make, model
          """)
      {
        upgrades[ModelKey(make: row["make"], model: row["model"]), default: 0] += row["upgrades"]
      }
      for (transition, devices) in tonight.delta.firmwareTransitions {
        upgrades[transition.model, default: 0] += devices
      }
    }

    let firstDay = day(nights[0])
    let lastDay = day(tonight.night)
    let days = max(Double(lastDay - firstDay), 1)
    let tonightModels = modelDevices[tonight.night] ?? [:]
    let models = tonightModels.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .compactMap {
        model, _ -> ModelTrend? in
        guard let newestFirmware = newest[model] else { return nil }
        let series = points[model] ?? []
        func onNewest(_ night: String) -> (devices: Int, total: Int) {
          let point = series.first { $0.night == night && $0.firmware == newestFirmware }
          let total = series.first { $0.night == night }?.modelDevices ?? 0
          return (point?.devices ?? 0, total)
        }
        let start = onNewest(nights[0])
        let end = onNewest(tonight.night)
        let projection: ModelTrend.Projection
        if end.total > 0, Double(end.devices) * 100 >= targetPercent * Double(end.total) {
          projection = .reached
        } else if nights.count > 1, end.devices > start.devices {
          let perDay = Double(end.devices - start.devices) / days
          let needed = targetPercent * Double(end.total) / 100 - Double(end.devices)
          let daysToGo = (needed / perDay).rounded(.up)
          if daysToGo <= Double(longestProjectionDays) {
            projection = .on(
              night: CivilCalendar.isoDate(
                milliseconds: (lastDay + Int64(daysToGo)) * CivilCalendar.millisecondsPerDay))
          } else {
            projection = .notAtThisPace
          }
        } else {
          projection = .notAtThisPace
        }
        return ModelTrend(
          model: model, newestFirmware: newestFirmware, points: series,
          upgradesPerDay: nights.count > 1 ? Double(upgrades[model] ?? 0) / days : 0, projection: projection)
      }
    return FleetTrends(nights: nights, targetPercent: targetPercent, models: models)
  }

  /// Days since 1970 of a night (`YYYY-MM-DD`).
  private static func day(_ night: String) -> Int64 {
    CivilCalendar.floorDays(milliseconds: CivilCalendar.milliseconds(iso8601: night) ?? 0)
  }
}

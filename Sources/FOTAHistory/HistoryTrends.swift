import FOTAModel
import FOTANightDevices

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
    _ sql: any HistorySQL, account: String, filter: String, nights windowNights: Int, targetPercent: Double,
    tonight: Tonight, excluding replaced: Int64?
  ) throws -> FleetTrends {
    let earlier = try RunTable(sql: sql).recentPublished(
      account: account, filter: filter, excluding: replaced, limit: max(windowNights, 1) - 1)
    let ids = earlier.map(\.id)
    let nights = earlier.map(\.night) + [tonight.night]
    let nightOf = Dictionary(uniqueKeysWithValues: earlier.map { ($0.id, $0.night) })
    let aggregates = AggregateTable(sql: sql)
    let changes = ChangeTable(sql: sql)

    // Devices per model, and per model and firmware, night by night.
    var modelDevices: [String: [ModelKey: Int]] = [:]
    var points: [ModelKey: [ModelTrend.Point]] = [:]
    for row in try aggregates.modelDevices(runIds: ids) {
      modelDevices[nightOf[row.runId]!, default: [:]][row.model] = row.devices
    }
    modelDevices[tonight.night] = tonight.summary.byModel.mapValues(\.devices)
    for row in try aggregates.modelFirmwareDevices(runIds: ids) {
      let night = nightOf[row.runId]!
      points[row.model, default: []].append(
        ModelTrend.Point(
          night: night, firmware: row.firmware, devices: row.devices,
          modelDevices: modelDevices[night]?[row.model] ?? row.devices))
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
    for move in try changes.firmwareMoves(runIds: ids) {
      movedFrom[move.model, default: []].insert(move.from)
      movedTo[move.model, default: []].insert(move.to)
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
      upgrades = try changes.firmwareChangesByModel(runIds: Array(ids.dropFirst()))
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

import FOTAModel
import FOTAPlan
import ThingSpaceAPI

/// The values the HTML template shows, every figure formatted and every chart drawn.
///
/// Device-provided strings reach the template as plain values, which Mustache escapes; charts are
/// built by ``SVGChart``, which escapes its own labels.
struct HTMLReportView {
  let report: ReportModel

  /// Models shown one by one before the rest are folded into "Other models".
  static let modelLimit = 15
  /// Firmware versions shown per model before the rest are folded into "Other".
  static let firmwareLimit = 5

  static let readinessColors: [Readiness: String] = [
    .ready: "#2e7d32", .needsLicense: "#f9a825", .ineligible: "#9e9e9e",
  ]
  static let firmwareColors = ["#1565c0", "#42a5f5", "#90caf9", "#5e35b1", "#b39ddb"]
  static let otherColor = "#cfd8dc"

  var context: [String: Any] {
    var context = baseContext
    if let problem = report.historyProblem { context["historyProblem"] = problem }
    if let changes { context["changes"] = changes }
    if let trends { context["trends"] = trends }
    if let planning { context["planning"] = planning }
    if let campaigns { context["campaigns"] = campaigns }
    return context
  }

  private var baseContext: [String: Any] {
    let summary = report.summary
    let totals = summary.totals
    var context: [String: Any] = [
      "moreModels": Array(modelRows.dropFirst(Self.tableLimit)),
      "hasMoreModels": modelRows.count > Self.tableLimit,
      "moreModelsText": Self.count(modelRows.count - Self.tableLimit, "more model", "more models"),
    ]
    if let filter = report.figures.clientTypeFilter { context["clientTypeFilter"] = filter }
    return context.merging([
      "title": "FOTA readiness — \(report.figures.account) — \(Figures.readableInstant(report.figures.asOf))",
      "account": report.figures.account,
      "asOf": Figures.readableInstant(report.figures.asOf),
      "headline": headline,
      "readinessChart": readinessChart,
      "models": Array(modelRows.prefix(Self.tableLimit)),
      "firmwareChart": firmwareChart,
      "firmwareModels": firmwareModels,
      "upgradeAgeChart": SVGChart.bars(
        summary.upgradeAgeRows.map { ($0.key.label, $0.counts.devices) }, color: "#1565c0",
        title: "Devices by time since last upgrade"),
      "upgradeAge": summary.upgradeAgeRows.map { row in
        [
          "label": row.key.label, "devices": Figures.grouped(row.counts.devices),
          "percent": Figures.percent(row.counts.devices, of: totals.devices),
          "ready": Figures.grouped(row.counts.ready),
        ]
      },
      "clientTypeChart": SVGChart.bars(
        summary.clientTypesBySize.map { (Self.display($0.key), $0.counts.devices) },
        color: "#00897b", title: "Devices by client type"),
      "clientTypes": shareRows(summary.clientTypesBySize),
      "statusChart": SVGChart.bars(
        summary.statusesBySize.map { (Self.display($0.key), $0.counts.devices) },
        color: "#6d4c41", title: "Devices by status"),
      "statuses": shareRows(summary.statusesBySize),
      "diagnostics": diagnostics,
      "history": report.historyEnabled,
      "firstRun": report.historyEnabled && report.delta?.previousNight == nil,
      "hasDiagnostics": !report.diagnostics.isEmpty,
      "completeness": completeness,
    ]) { $1 }
  }

  private var headline: [[String: String]] {
    let totals = report.summary.totals
    let recent = report.summary.byUpgradeAge[.under30Days]?.devices ?? 0
    func tile(_ label: String, _ value: Int, _ note: String) -> [String: String] {
      ["label": label, "value": Figures.grouped(value), "note": note]
    }
    return [
      tile("Devices", totals.devices, "\(Figures.grouped(report.summary.byModel.count)) models"),
      tile("FOTA-capable", totals.ready, Figures.percent(totals.ready, of: totals.devices) + "% of fleet"),
      tile(
        "Eligible, no license", totals.needsLicense,
        Figures.percent(totals.needsLicense, of: totals.devices) + "% of fleet"),
      tile(
        "Not FOTA-eligible", totals.ineligible,
        Figures.percent(totals.ineligible, of: totals.devices) + "% of fleet"),
      tile(
        "Never upgraded", totals.neverUpgraded,
        Figures.percent(totals.neverUpgraded, of: totals.devices) + "% of fleet"),
      tile("Upgraded in 30 days", recent, Figures.percent(recent, of: totals.devices) + "% of fleet"),
      tile(
        "Firmware versions", report.summary.byFirmware.count,
        "\(Figures.grouped(report.summary.byModelFirmware.count)) model/firmware pairs"),
      tile("Data problems", report.diagnostics.totalCount, "records with odd or missing data"),
    ]
  }

  /// The largest models, then the rest folded into one "Other models" row.
  private var shownModels: [(label: String, key: ModelKey?, counts: GroupCounts)] {
    let models = report.summary.modelsBySize
    var rows = models.prefix(Self.modelLimit).map {
      (Self.modelLabel($0.key), Optional($0.key), $0.counts)
    }
    if models.count > Self.modelLimit {
      var other = GroupCounts()
      for model in models.dropFirst(Self.modelLimit) {
        other.merge(model.counts)
      }
      rows.append(("Other models (\(models.count - Self.modelLimit))", nil, other))
    }
    return rows
  }

  private var readinessChart: String {
    let rows = shownModels.map { model in
      SVGChart.Row(
        label: model.label,
        segments: [
          .init(label: "FOTA-capable", value: model.counts.ready, color: Self.readinessColors[.ready]!),
          .init(
            label: "eligible, no license", value: model.counts.needsLicense,
            color: Self.readinessColors[.needsLicense]!),
          .init(
            label: "ineligible", value: model.counts.ineligible,
            color: Self.readinessColors[.ineligible]!),
        ])
    }
    return SVGChart.stackedBars(rows, title: "Readiness by model")
  }

  private var modelRows: [[String: String]] {
    report.summary.modelsBySize.map { model in
      let counts = model.counts
      return [
        "make": Self.display(model.key.make), "model": Self.display(model.key.model),
        "devices": Figures.grouped(counts.devices),
        "readyPercent": Figures.percent(counts.ready, of: counts.devices),
        "ready": Figures.grouped(counts.ready),
        "needsLicense": Figures.grouped(counts.needsLicense),
        "ineligible": Figures.grouped(counts.ineligible),
        "neverUpgraded": Figures.grouped(counts.neverUpgraded),
        "firmwareVersions": Figures.grouped(report.summary.firmware(of: model.key).count),
      ]
    }
  }

  /// The top firmware of a model plus "Other", with colours by rank.
  private func firmwareSegments(_ model: ModelKey) -> [(name: String, counts: Int, color: String)] {
    let firmware = report.summary.firmware(of: model)
    var segments = firmware.prefix(Self.firmwareLimit).enumerated().map {
      (Self.display($0.element.key), $0.element.counts.devices, Self.firmwareColors[$0.offset])
    }
    if firmware.count > Self.firmwareLimit {
      let rest = firmware.dropFirst(Self.firmwareLimit).reduce(0) { $0 + $1.counts.devices }
      segments.append(("Other (\(firmware.count - Self.firmwareLimit) versions)", rest, Self.otherColor))
    }
    return segments
  }

  private var firmwareChart: String {
    let rows = shownModels.compactMap { model -> SVGChart.Row? in
      guard let key = model.key else { return nil }
      return SVGChart.Row(
        label: model.label,
        segments: firmwareSegments(key).map { .init(label: $0.name, value: $0.counts, color: $0.color) })
    }
    return SVGChart.stackedBars(rows, title: "Firmware distribution per model")
  }

  private var firmwareModels: [[String: Any]] {
    report.summary.modelsBySize.prefix(Self.modelLimit).map { model in
      [
        "label": Self.modelLabel(model.key),
        "devicesText": Self.count(model.counts.devices, "device", "devices"),
        "firmware": firmwareSegments(model.key).map { segment in
          [
            "name": segment.name, "devices": Figures.grouped(segment.counts),
            "percent": Figures.percent(segment.counts, of: model.counts.devices),
            "color": segment.color,
          ]
        },
      ]
    }
  }

  private func shareRows(_ rows: [(key: String, counts: GroupCounts)]) -> [[String: String]] {
    rows.map { row in
      [
        "label": Self.display(row.key), "devices": Figures.grouped(row.counts.devices),
        "percent": Figures.percent(row.counts.devices, of: report.summary.totals.devices),
        "readyPercent": Figures.percent(row.counts.ready, of: row.counts.devices),
      ]
    }
  }

  static let lineColors = [
    "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#c62828", "#5d4037", "#455a64",
  ]

  /// Rows a per-model table shows before the rest are folded under a `<details>`.
  static let tableLimit = 20

  /// `1 device`, `2 devices`.
  static func count(_ value: Int, _ one: String, _ many: String) -> String {
    "\(Figures.grouped(value)) \(value == 1 ? one : many)"
  }

  /// The `index`-th model's line colour: the palette, then evenly spread hues.
  static func lineColor(_ index: Int) -> String {
    if index < lineColors.count { return lineColors[index] }
    let hue = (index - lineColors.count) * 47 % 360
    return "hsl(\(hue), 55%, 42%)"
  }

  /// Lines a chart draws at most: more cannot be told apart at 1280 px.
  static let chartLineLimit = 8

  /// The trends section: adoption of each model's newest firmware over the last nights. The
  /// chart draws the ``chartLineLimit`` largest models tonight (ties by name); the table lists
  /// every model, each charted one with its line's colour.
  private var trends: [String: Any]? {
    guard let trends = report.trends, !trends.nights.isEmpty else { return nil }
    let tonight = trends.nights.last
    let sizes = trends.models.map { model in model.points.first { $0.night == tonight }?.modelDevices ?? 0 }
    let charted = Set(
      trends.models.indices.sorted {
        sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : trends.models[$0].model < trends.models[$1].model
      }.prefix(Self.chartLineLimit))
    let chart = SVGChart.lines(
      trends.models.enumerated().filter { charted.contains($0.offset) }.map { index, model in
        (
          Self.modelLabel(model.model) + " on " + Self.display(model.newestFirmware),
          model.newestShare(nights: trends.nights), Self.lineColor(index)
        )
      }, xLabels: trends.nights, target: trends.targetPercent,
      title: "Share of each model on its newest firmware")
    return [
      "chart": chart,
      "nights": trends.nights.count == 1 ? "tonight" : "last \(trends.nights.count) nights",
      "target": Figures.percent(Int(trends.targetPercent * 10), of: 1000),
      "chartNote": trends.models.count > Self.chartLineLimit
        ? "The chart draws the \(Self.chartLineLimit) largest of \(trends.models.count) models; the table lists every one."
        : "",
      "models": trends.models.enumerated().map { index, model in
        let share = model.newestShare(nights: trends.nights).last ?? nil
        return [
          "color": Self.lineColor(index), "charted": charted.contains(index),
          "model": Self.modelLabel(model.model), "firmware": Self.display(model.newestFirmware),
          "share": share.map { Figures.percent(Int(($0 * 10).rounded()), of: 1000) } ?? "–",
          "velocity": Figures.decimal(model.upgradesPerDay),
          "projection": model.projection.text,
        ]
      },
    ]
  }

  /// The upgrade-planning section: funnel, cohorts, license headroom, or what is missing.
  private var planning: [String: Any]? {
    guard let planning = report.planning else { return nil }
    var section: [String: Any] = [
      "missing": planning.missing.map { ["reason": $0] }, "hasMissing": !planning.missing.isEmpty,
    ]
    guard let plan = planning.plan else { return section }
    func steps(_ funnel: Funnel) -> [String: String] {
      [
        "total": Figures.grouped(funnel.total), "active": Figures.grouped(funnel.active),
        "eligible": Figures.grouped(funnel.eligible),
        "licensed": Figures.grouped(funnel.licensed), "knownFirmware": Figures.grouped(funnel.knownFirmware),
        "ready": Figures.grouped(funnel.ready), "upToDate": Figures.grouped(funnel.upToDate),
        "inCampaign": Figures.grouped(funnel.inCampaign), "failing": Figures.grouped(funnel.failing),
        "heldBack": funnel.inCampaign + funnel.failing > 0 ? "true" : "",
        "readyPercent": Figures.percent(funnel.ready, of: funnel.total),
      ]
    }
    let funnelRows = plan.funnelByModel.sorted {
      $0.value.total != $1.value.total ? $0.value.total > $1.value.total : $0.key < $1.key
    }.map { model, funnel in steps(funnel).merging(["model": Self.modelLabel(model)]) { $1 } }
    let requests = planning.requests
    var files: [Cohort: Int] = [:]
    for request in requests { files[request.cohort, default: 0] += 1 }
    section["plan"] = [
      "funnel": steps(plan.funnel),
      "funnelChart": SVGChart.bars(
        [
          ("Devices", plan.funnel.total), ("Active", plan.funnel.active),
          ("FOTA-eligible", plan.funnel.eligible),
          ("Licensed", plan.funnel.licensed), ("On a known firmware", plan.funnel.knownFirmware),
          ("In a campaign already", plan.funnel.inCampaign), ("Failing (held back)", plan.funnel.failing),
          ("Ready to upgrade", plan.funnel.ready), ("Up to date", plan.funnel.upToDate),
        ], color: "#2e7d32", title: "Readiness funnel"),
      "models": Array(funnelRows.prefix(Self.tableLimit)),
      "moreModels": Array(funnelRows.dropFirst(Self.tableLimit)),
      "hasMoreModels": funnelRows.count > Self.tableLimit,
      "moreModelsText": Self.count(funnelRows.count - Self.tableLimit, "more model", "more models"),
      "statuses": PlanStatus.allCases.map {
        ["status": $0.rawValue, "devices": Figures.grouped(plan.statusCounts[$0] ?? 0)]
      },
      "cohorts": plan.sortedCohorts.map { cohort, devices in
        [
          "model": Self.modelLabel(cohort.model), "firmwareName": Self.display(cohort.firmwareName),
          "firmwareTo": Self.display(cohort.firmwareTo), "devices": Figures.grouped(devices.count),
          "files": Figures.grouped(files[cohort] ?? 0),
        ]
      },
      "hasCohorts": !plan.cohorts.isEmpty,
      "licenses": licenseFigures(plan),
    ]
    return section
  }

  private func licenseFigures(_ plan: UpgradePlan) -> [[String: Any]] {
    var rows: [(String, String)] = [("Devices needing a license", Figures.grouped(plan.needLicense))]
    if let pool = plan.licenses {
      rows += [
        ("Licenses in the pool", Figures.grouped(pool.totalLicenses)),
        ("Assigned", Figures.grouped(pool.assignedLicenses)), ("Available", Figures.grouped(pool.available)),
        (
          "Headroom after licensing every device that needs one",
          Figures.grouped(plan.headroomAfterNeeds ?? 0)
            + ((plan.headroomAfterNeeds ?? 0) < 0 ? " (a shortfall: buy or reclaim licenses)" : "")
        ),
      ]
    } else {
      rows.append(("License pool", "unknown (not collected)"))
    }
    rows.append(
      ("Licenses held by ineligible devices (to reclaim)", Figures.grouped(plan.licensedIneligible)))
    return rows.map { row -> [String: Any] in
      var values: [String: Any] = ["label": row.0, "value": row.1]
      if row.1.hasPrefix("-") { values["warning"] = true }
      return values
    }
  }

  /// The "what changed" section: `nil` on a first run.
  private var changes: [String: Any]? {
    guard let delta = report.delta, let previous = delta.previousNight else { return nil }
    func figure(_ label: String, _ value: Int) -> [String: String] {
      ["label": label, "value": Figures.grouped(value)]
    }
    return [
      "previousNight": previous,
      "figures": [
        figure("Devices added", delta.added), figure("Devices removed", delta.removed),
        figure("Upgrades since the last run", delta.upgrades),
        figure("Firmware changes", delta.firmwareTransitions.values.reduce(0, +)),
        figure("Became FOTA-eligible", delta.eligibilityGained),
        figure("No longer FOTA-eligible", delta.eligibilityLost),
        figure("License assigned", delta.licenseGained), figure("License removed", delta.licenseLost),
      ],
      "matrices": transitionMatrices(delta),
      "hasTransitions": !delta.firmwareTransitions.isEmpty,
    ]
  }

  /// Per model, a from × to table of firmware moves.
  private func transitionMatrices(_ delta: FleetDelta) -> [[String: Any]] {
    var byModel: [ModelKey: [FirmwareTransition: Int]] = [:]
    for (transition, devices) in delta.firmwareTransitions {
      byModel[transition.model, default: [:]][transition] = devices
    }
    return byModel.sorted { $0.key < $1.key }.map { model, moves in
      let froms = Set(moves.keys.map(\.from)).sorted()
      let tos = Set(moves.keys.map(\.to)).sorted()
      return [
        "model": Self.modelLabel(model),
        "columns": tos.map { ["name": Self.display($0)] },
        "rows": froms.map { from in
          [
            "from": Self.display(from),
            "cells": tos.map { to in
              [
                "count": moves[FirmwareTransition(model: model, from: from, to: to)].map(Figures.grouped)
                  ?? ""
              ]
            },
          ] as [String: Any]
        },
      ]
    }
  }

  private var diagnostics: [[String: Any]] {
    report.diagnostics.sortedEntries.map { entry in
      [
        "kind": entry.key.kind.rawValue, "field": entry.key.field,
        "count": Figures.grouped(entry.count), "summary": entry.key.kind.summary,
        "examples": entry.examples.map { example in
          [
            "deviceId": example.deviceId.isEmpty ? "(none)" : example.deviceId,
            "value": example.value, "page": String(example.page),
          ]
        },
      ]
    }
  }

  private var completeness: [[String: String]] {
    let info = report.figures
    var rows: [(String, String)] = [
      ("Account", info.account),
      ("Source", info.source),
      ("As of", Figures.readableInstant(info.asOf)),
      ("Client type filter", info.clientTypeFilter ?? "none"),
      ("Pages", Figures.grouped(info.pages)),
      ("Records received", Figures.grouped(info.records)),
      ("Devices counted", Figures.grouped(report.summary.totals.devices)),
      ("Duplicates (counted once)", Figures.grouped(report.summary.duplicates)),
      ("Records skipped", Figures.grouped(info.skipped)),
    ]
    if info.clientTypeFilter != nil {
      rows.append(("Left out by the filter", Figures.grouped(info.filteredOut)))
    }
    if let http = info.http {
      rows.append(("HTTP requests", Figures.grouped(http.requests)))
      rows.append(("Retries", http.retriesSummary))
      rows.append(
        ("Re-authentications", "bearer \(http.bearerRenewals), session \(http.sessionRenewals)"))
    }
    if let collection = info.collection { rows.append(("Walked", collection.summary)) }
    return rows.map { ["label": $0.0, "value": $0.1] }
      + [["label": "Collection time", "timing": Figures.seconds(info.collectSeconds) + " s"]]
  }

  static func display(_ value: String) -> String {
    value.isEmpty ? "(not reported)" : HTMLEscaping.visible(value)
  }

  static func modelLabel(_ key: ModelKey) -> String {
    "\(display(key.make)) \(display(key.model))"
  }
}

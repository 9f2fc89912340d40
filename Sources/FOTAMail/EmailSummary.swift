import FOTAModel
import FOTAPlan
import FOTARender
import Foundation

/// What the e-mail says: subject, aligned plain text and the HTML template's values.
///
/// No phone number appears anywhere; device ids appear only masked to their last four digits.
public struct EmailSummary {
  public let report: ReportModel
  /// Where readers open the published report, when it is served.
  public var reportURL: String?
  /// Where the report is on the host, said when there is no URL.
  public var location: String
  /// Points the FOTA-capable share may fall before the summary opens with an alert.
  public var alertDropPoints: Double

  public init(
    report: ReportModel, reportURL: String? = nil, location: String = "", alertDropPoints: Double = 2
  ) {
    self.report = report
    self.reportURL = reportURL
    self.location = location
    self.alertDropPoints = alertDropPoints
  }

  /// Alert lines for the top of the summary: an upgrade failed on more of its devices than
  /// `--alert-failure-rate`, the FOTA-capable share fell by more than ``alertDropPoints`` since
  /// the last night, or the data problems rose by more than half.
  public var alerts: [String] {
    var alerts = campaignAlerts
    guard let delta = report.delta, let previous = delta.previousNight else { return alerts }
    let now = Percentage(totals.ready, of: totals.devices)
    let before = Percentage(delta.previousReady, of: delta.previousDevices)
    if before.value - now.value > alertDropPoints {
      alerts.append(
        "The FOTA-capable share fell \(Figures.decimal(before.value - now.value)) points since \(previous): "
          + "\(before.text)% to \(now.text)%.")
    }
    let problems = report.diagnostics.totalCount
    if let earlier = delta.previousDataProblems, problems * 2 > earlier * 3 {
      alerts.append(
        "Data problems rose by more than half since \(previous): \(Figures.grouped(earlier)) to \(Figures.grouped(problems))."
      )
    }
    return alerts
  }

  /// Upgrades listed one by one in the alerts before the rest are counted.
  static let alertLimit = 5

  /// One alert per upgrade (in flight or finished in the window) whose failure rate passes the
  /// threshold, the largest failures first.
  var campaignAlerts: [String] {
    guard let review = report.campaigns else { return [] }
    let alerted = review.alerts.sorted { ($1.failed, $0.id) < ($0.failed, $1.id) }
    var lines = alerted.prefix(Self.alertLimit).map { upgrade in
      "Upgrade \(Self.display(upgrade.firmwareName)) (to \(Self.display(upgrade.firmwareTo)), "
        + "started \(upgrade.startDate)) failed on \(Figures.grouped(upgrade.failed)) of "
        + "\(Figures.grouped(upgrade.outcome.deviceCount)) devices (\(upgrade.failure.text)%), above the "
        + "\(Figures.decimal(review.alertFailureRate))% alert rate."
    }
    if alerted.count > Self.alertLimit {
      lines.append(
        "\(Figures.grouped(alerted.count - Self.alertLimit)) more upgrades failed above the alert rate: see the report."
      )
    }
    return lines
  }

  /// What happened to the upgrades already scheduled, a few lines: in flight, finished, moved,
  /// the most common failure reasons and the data-quality findings.
  public var campaignLines: [String] {
    guard let review = report.campaigns else { return [] }
    var lines = [
      "\(Figures.grouped(review.inFlight.count)) upgrades in flight (\(Figures.grouped(review.stalled.count)) stalled), "
        + "\(Figures.grouped(review.finished.count)) finished in the last \(review.days) days."
    ]
    if let moved = review.movedSinceLastNight {
      lines.append("\(Figures.grouped(moved)) devices finished an upgrade since last night.")
    }
    if let plan = report.planning?.plan, plan.funnel.inCampaign + plan.funnel.failing > 0 {
      lines.append(
        "Held back from tonight's plan: \(Figures.grouped(plan.funnel.inCampaign)) already in an upgrade, "
          + "\(Figures.grouped(plan.funnel.failing)) whose last upgrades failed.")
    }
    if !review.failureReasons.isEmpty {
      lines.append(
        "Top failure reasons: "
          + review.failureReasons.prefix(3).map {
            "\(Self.display($0.reason)) (\(Figures.grouped($0.count)))"
          }
          .joined(separator: ", ") + ".")
    }
    if review.firmwareMismatches > 0 {
      lines.append(
        "\(Figures.grouped(review.firmwareMismatches)) devices reported upgraded are on another firmware tonight."
      )
    }
    return lines
  }

  /// One line per model with a trend: its share on the newest firmware, the pace, the projection.
  public var trendLines: [String] {
    guard let trends = report.trends else { return [] }
    return trends.models.prefix(Self.modelLimit).compactMap { model in
      guard let share = model.newestShare(nights: trends.nights).last ?? nil else { return nil }
      let name = Self.display(
        [model.model.make, model.model.model].filter { !$0.isEmpty }.joined(separator: " "))
      let target = Figures.decimal(trends.targetPercent)
      let projection =
        switch model.projection {
        case .reached: "\(target)% reached"
        case .on(let night): "\(target)% by \(night)"
        case .notAtThisPace: "\(target)% not at this pace"
        }
      return
        "\(name): \(Figures.decimal(share))% on \(Self.display(model.newestFirmware)), "
        + "\(Figures.decimal(model.upgradesPerDay)) upgrades a day, \(projection)"
    }
  }

  /// The last line: where to read the full report.
  public var reportLine: String {
    if let reportURL { return "The full report: \(reportURL)" }
    return location.isEmpty
      ? "The full report is report.html in the report folder." : "The full report is \(location)."
  }

  /// Models listed before the rest are left to the attachment.
  static let modelLimit = 10

  var totals: GroupCounts { report.summary.totals }

  /// `[FOTA] 0242078698-00001: 71.2% FOTA-capable (+1.3), 1,204 upgraded since 25 Nov`.
  public var subject: String {
    var subject =
      "[FOTA] \(report.figures.account): \(Figures.percent(totals.ready, of: totals.devices))% FOTA-capable"
    if let delta = report.delta, let previous = delta.previousNight {
      let change = Percentage(totals.ready, of: totals.devices).points(
        since: Percentage(delta.previousReady, of: delta.previousDevices))
      subject += " (\(change)), \(Figures.grouped(delta.upgrades)) upgraded since \(Self.dayMonth(previous))"
    } else {
      subject += ", \(Figures.grouped(totals.devices)) devices"
    }
    return subject
  }

  /// The plain-text part, with aligned columns.
  public var text: String {
    var lines: [String] = []
    lines.append(
      "FOTA readiness for account \(report.figures.account), as of \(Figures.readableInstant(report.figures.asOf))"
    )
    lines.append("")
    for alert in alerts { lines.append("ALERT: \(alert)") }
    if !alerts.isEmpty { lines.append("") }
    if let problem = report.historyProblem {
      lines.append("History not used tonight: \(problem). No changes or trends in this summary.")
      lines.append("")
    }
    lines += Self.table(
      ["Devices", "FOTA-capable", "Eligible, no license", "Ineligible", "Never upgraded"],
      [
        [
          Figures.grouped(totals.devices),
          "\(Figures.grouped(totals.ready)) (\(Figures.percent(totals.ready, of: totals.devices))%)",
          Figures.grouped(totals.needsLicense), Figures.grouped(totals.ineligible),
          Figures.grouped(totals.neverUpgraded),
        ]
      ])
    if let delta = report.delta {
      lines.append("")
      if let previous = delta.previousNight {
        lines.append(
          "Since \(previous): \(Figures.grouped(delta.added)) added, \(Figures.grouped(delta.removed)) removed, "
            + "\(Figures.grouped(delta.upgrades)) upgraded, \(Figures.grouped(delta.changedDevices)) devices changed."
        )
      } else {
        lines.append("No earlier run in the history: changes are reported from the next run on.")
      }
    }
    if !trendLines.isEmpty {
      lines.append("")
      lines.append("Newest firmware, trend and projection")
      lines += trendLines
    }
    lines.append("")
    lines.append("Readiness by model")
    lines += Self.table(
      ["Make", "Model", "Devices", "FOTA-capable %", "Eligible, no license", "Ineligible"],
      models.map { [$0.make, $0.model, $0.devices, $0.readyPercent, $0.needsLicense, $0.ineligible] })
    if !campaignLines.isEmpty {
      lines.append("")
      lines.append("Campaigns")
      lines += campaignLines
    }
    if let plan = report.planning?.plan {
      lines.append("")
      lines.append("Upgrade planning")
      lines += Self.table(
        [
          "Devices", "Active", "Eligible", "Licensed", "Known firmware", "In a campaign", "Failing",
          "Ready to upgrade", "Up to date",
        ],
        [
          [
            plan.funnel.total, plan.funnel.active, plan.funnel.eligible, plan.funnel.licensed,
            plan.funnel.knownFirmware, plan.funnel.inCampaign, plan.funnel.failing,
            plan.funnel.ready,
            plan.funnel.upToDate,
          ].map(Figures.grouped)
        ])
      lines.append("")
      lines += Self.table(["Cohort", "To", "Devices"], cohorts.map { [$0.name, $0.to, $0.devices] })
    } else if let missing = report.planning?.missing, !missing.isEmpty {
      lines.append("")
      lines.append("Planning data is missing: " + missing.joined(separator: "; "))
    }
    lines.append("")
    lines.append(
      "Data problems: \(Figures.grouped(report.diagnostics.totalCount)) "
        + "(\(problems.map { "\($0.kind) \($0.count)" }.joined(separator: ", ")))")
    lines.append("Source: \(report.figures.source); \(Figures.grouped(report.figures.pages)) pages.")
    lines.append("")
    lines.append(reportLine)
    return lines.map(Self.visible).joined(separator: "\n") + "\n"
  }

  /// Values for `Templates/email.mustache`.
  public var context: [String: Any] {
    var context: [String: Any] = [
      "subject": subject, "account": report.figures.account,
      "asOf": Figures.readableInstant(report.figures.asOf),
      "devices": Figures.grouped(totals.devices), "ready": Figures.grouped(totals.ready),
      "readyPercent": Figures.percent(totals.ready, of: totals.devices),
      "needsLicense": Figures.grouped(totals.needsLicense), "ineligible": Figures.grouped(totals.ineligible),
      "neverUpgraded": Figures.grouped(totals.neverUpgraded),
      "models": models.map(\.values), "problems": problems.map(\.values),
      "problemCount": Figures.grouped(report.diagnostics.totalCount),
      "source": Self.visible(report.figures.source), "pages": Figures.grouped(report.figures.pages),
    ]
    if let problem = report.historyProblem { context["historyProblem"] = Self.visible(problem) }
    if !alerts.isEmpty { context["alerts"] = alerts.map { ["text": $0] } }
    if !trendLines.isEmpty {
      context["trends"] = trendLines.map { ["text": $0] }
      context["hasTrends"] = true
    }
    if !campaignLines.isEmpty {
      context["campaigns"] = campaignLines.map { ["text": $0] }
      context["hasCampaigns"] = true
    }
    if let reportURL { context["reportURL"] = reportURL } else { context["reportLine"] = reportLine }
    if let delta = report.delta {
      if let previous = delta.previousNight {
        context["changes"] = [
          "previousNight": previous, "added": Figures.grouped(delta.added),
          "removed": Figures.grouped(delta.removed),
          "upgrades": Figures.grouped(delta.upgrades), "changed": Figures.grouped(delta.changedDevices),
        ]
      } else {
        context["firstRun"] = true
      }
    }
    if let plan = report.planning?.plan {
      context["plan"] = [
        "total": Figures.grouped(plan.funnel.total), "active": Figures.grouped(plan.funnel.active),
        "eligible": Figures.grouped(plan.funnel.eligible),
        "licensed": Figures.grouped(plan.funnel.licensed),
        "knownFirmware": Figures.grouped(plan.funnel.knownFirmware),
        "inCampaign": Figures.grouped(plan.funnel.inCampaign),
        "failing": Figures.grouped(plan.funnel.failing),
        "ready": Figures.grouped(plan.funnel.ready), "upToDate": Figures.grouped(plan.funnel.upToDate),
        "cohorts": cohorts.map(\.values),
      ]
    }
    if let missing = report.planning?.missing, !missing.isEmpty {
      context["planningMissing"] = missing.map { ["reason": Self.visible($0)] }
      context["hasPlanningMissing"] = true
    }
    return context
  }

  // MARK: Rows

  struct ModelRow {
    var make, model, devices, readyPercent, needsLicense, ineligible: String
    var readyWidth, needsLicenseWidth, ineligibleWidth: Int

    var values: [String: Any] {
      [
        "make": make, "model": model, "devices": devices, "readyPercent": readyPercent,
        "needsLicense": needsLicense, "ineligible": ineligible, "readyWidth": readyWidth,
        "needsLicenseWidth": needsLicenseWidth, "ineligibleWidth": ineligibleWidth,
        "hasReady": readyWidth > 0, "hasNeedsLicense": needsLicenseWidth > 0,
        "hasIneligible": ineligibleWidth > 0,
      ]
    }
  }

  var models: [ModelRow] {
    report.summary.modelsBySize.prefix(Self.modelLimit).map { key, counts in
      let ready = counts.devices == 0 ? 0 : counts.ready * 100 / counts.devices
      let needs = counts.devices == 0 ? 0 : counts.needsLicense * 100 / counts.devices
      return ModelRow(
        make: Self.display(key.make), model: Self.display(key.model),
        devices: Figures.grouped(counts.devices),
        readyPercent: Figures.percent(counts.ready, of: counts.devices),
        needsLicense: Figures.grouped(counts.needsLicense), ineligible: Figures.grouped(counts.ineligible),
        readyWidth: ready, needsLicenseWidth: needs,
        ineligibleWidth: counts.devices == 0 ? 0 : 100 - ready - needs)
    }
  }

  struct CohortRow {
    var name, to, devices: String
    var values: [String: Any] { ["name": name, "to": to, "devices": devices] }
  }

  var cohorts: [CohortRow] {
    (report.planning?.plan?.sortedCohorts ?? []).prefix(Self.modelLimit).map { cohort, devices in
      CohortRow(
        name: Self.display("\(cohort.model.make) \(cohort.model.model): \(cohort.firmwareName)"),
        to: Self.display(cohort.firmwareTo), devices: Figures.grouped(devices.count))
    }
  }

  struct ProblemRow {
    var kind, count, example: String
    var values: [String: Any] { ["kind": kind, "count": count, "example": example] }
  }

  var problems: [ProblemRow] {
    var byKind: [DiagnosticKind: (count: Int, example: String)] = [:]
    for entry in report.diagnostics.sortedEntries {
      let example = entry.examples.first.map { Self.maskDeviceId($0.deviceId) } ?? ""
      let current = byKind[entry.key.kind]
      byKind[entry.key.kind] = ((current?.count ?? 0) + entry.count, current?.example ?? example)
    }
    return byKind.sorted { $0.key < $1.key }.map {
      ProblemRow(kind: $0.key.rawValue, count: Figures.grouped($0.value.count), example: $0.value.example)
    }
  }

  // MARK: Helpers

  /// A device id shown as its last four characters only.
  public static func maskDeviceId(_ id: String) -> String {
    guard !id.isEmpty else { return "" }
    return "…" + String(id.suffix(4))
  }

  static func display(_ value: String) -> String {
    value.isEmpty ? "(not reported)" : visible(value.replacingOccurrences(of: "\n", with: " "))
  }

  static func visible(_ text: String) -> String {
    HTMLEscaping.visible(text).replacingOccurrences(of: "\r", with: " ")
  }

  /// Rows padded into columns: numbers right-aligned, text left-aligned.
  static func table(_ header: [String], _ rows: [[String]]) -> [String] {
    TextTable.lines(header: header, rows: rows, rightAlignNumbers: true)
  }

  /// `2026-11-25` as `25 Nov`.
  static func dayMonth(_ night: String) -> String {
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let parts = night.split(separator: "-")
    guard parts.count == 3, let month = Int(parts[1]), (1...12).contains(month), let day = Int(parts[2])
    else {
      return night
    }
    return "\(day) \(months[month - 1])"
  }

}

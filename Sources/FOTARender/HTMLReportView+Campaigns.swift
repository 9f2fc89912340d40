import FOTAModel
import FOTAPlan
import ThingSpaceAPI

extension HTMLReportView {
  /// The colour of each outcome in the campaign charts.
  static let outcomeColors: [UpgradeStatus.DeviceOutcome: String] = [
    .succeeded: "#2e7d32", .failed: "#c62828", .inProgress: "#1565c0", .pending: "#90a4ae", .other: "#ffb300",
  ]
  /// The outcomes' names in the charts' legends.
  static let outcomeNames: [UpgradeStatus.DeviceOutcome: String] = [
    .succeeded: "succeeded", .failed: "failed", .inProgress: "in progress", .pending: "pending",
    .other: "other",
  ]

  /// The campaigns section: what happened to the upgrades already scheduled.
  var campaigns: [String: Any]? {
    guard let review = report.campaigns else { return nil }
    func row(_ upgrade: CampaignReview.Upgrade) -> [String: Any] {
      let outcome = upgrade.outcome
      var row: [String: Any] = [
        "firmwareName": Self.display(outcome.upgrade.firmwareName), "id": outcome.upgrade.id,
        "hop": Self.display(upgrade.fromFirmware ?? "?") + " → " + Self.display(outcome.upgrade.firmwareTo),
        "status": outcome.status.name, "start": outcome.upgrade.startDate,
        "end": outcome.upgrade.endDate ?? "",
        "devices": Figures.grouped(outcome.deviceCount), "success": upgrade.success.text,
        "failure": upgrade.failure.text, "stalled": upgrade.isStalled,
        "alert": upgrade.isAlerted,
        "moved": upgrade.movedSinceLastNight.map(Figures.grouped) ?? "",
      ]
      for kind in UpgradeStatus.DeviceOutcome.allCases {
        row[kind.rawValue] = Figures.grouped(outcome.devices[kind] ?? 0)
      }
      return row
    }
    func chartRow(_ label: String, _ counts: [(UpgradeStatus.DeviceOutcome, Int)]) -> SVGChart.Row {
      SVGChart.Row(
        label: label,
        segments: counts.map {
          SVGChart.Segment(label: Self.outcomeNames[$0.0]!, value: $0.1, color: Self.outcomeColors[$0.0]!)
        })
    }
    // The charts draw the largest few; the tables below them list every row.
    let charted = review.inFlight.sorted {
      ($1.outcome.deviceCount, $0.outcome.upgrade.id) < ($0.outcome.deviceCount, $1.outcome.upgrade.id)
    }
    .prefix(Self.chartLineLimit)
    let progressChart = SVGChart.stackedBars(
      charted.map { upgrade in
        // Image names run long: the bar says where it goes and when it started; the table names it.
        chartRow(
          "→ " + HTMLEscaping.shortened(upgrade.firmwareTo, to: 15) + " · "
            + String(upgrade.startDate.suffix(5)),
          UpgradeStatus.DeviceOutcome.allCases.map { ($0, upgrade.outcome.devices[$0] ?? 0) })
      }, title: "Upgrades in flight: devices by outcome")
    let modelChart = SVGChart.stackedBars(
      review.byModel.prefix(Self.chartLineLimit).map {
        chartRow(Self.modelLabel($0.model), [(.succeeded, $0.tally.succeeded), (.failed, $0.tally.failed)])
      }, title: "Upgrade outcomes by model")
    func tallyRow(_ label: String, _ tally: CampaignReview.Tally) -> [String: String] {
      [
        "label": label, "entries": Figures.grouped(tally.entries),
        "succeeded": Figures.grouped(tally.succeeded),
        "failed": Figures.grouped(tally.failed), "success": tally.success.text,
      ]
    }
    var summary =
      "\(Self.count(review.upgrades, "upgrade", "upgrades")) reported: \(Figures.grouped(review.inFlight.count)) in flight"
      + " (\(Figures.grouped(review.stalled.count)) stalled), \(Figures.grouped(review.finished.count)) finished in the"
      + " last \(Self.count(review.days, "day", "days"))."
    if let moved = review.movedSinceLastNight {
      summary += " \(Self.count(moved, "device", "devices")) finished an upgrade since last night."
    }
    let legend = UpgradeStatus.DeviceOutcome.allCases.map {
      ["name": Self.outcomeNames[$0]!, "color": Self.outcomeColors[$0]!]
    }
    return [
      "summary": summary,
      "alerts": review.alerts.map(row), "hasAlerts": !review.alerts.isEmpty,
      "alertRate": Figures.decimal(review.alertFailureRate),
      "legend": legend,
      "inFlight": review.inFlight.map(row), "hasInFlight": !review.inFlight.isEmpty,
      "progressChart": progressChart,
      "chartNote": review.inFlight.count > Self.chartLineLimit
        ? "The chart draws the \(Self.chartLineLimit) largest upgrades in flight; the table lists all \(Figures.grouped(review.inFlight.count))."
        : "",
      "finished": review.finished.map(row), "hasFinished": !review.finished.isEmpty,
      "days": String(review.days),
      "stalled": review.stalled.map(row), "hasStalled": !review.stalled.isEmpty,
      "modelChart": modelChart, "hasModels": !review.byModel.isEmpty,
      "models": review.byModel.map { tallyRow(Self.modelLabel($0.model), $0.tally) },
      "hops": review.byHop.map { tallyRow(Self.display($0.from) + " → " + Self.display($0.to), $0.tally) },
      "hasHops": !review.byHop.isEmpty,
      "reasons": review.failureReasons.map {
        ["reason": Self.display($0.reason), "devices": Figures.grouped($0.count)]
      },
      "hasReasons": !review.failureReasons.isEmpty,
      "quality": [
        [
          "label": "Reported upgraded, but on another firmware tonight",
          "value": Figures.grouped(review.firmwareMismatches),
        ],
        [
          "label": "Devices in upgrades but not in tonight's device list",
          "value": Figures.grouped(review.devicesNotInAccount),
        ],
        [
          "label": "Entries with a status this version does not know",
          "value": Figures.grouped(review.unknownStatuses),
        ],
      ],
    ]
  }
}

import FOTAModel
import Foundation
import Mustache

/// The roll-up's `report.html`, from the `rollup` Mustache template: the fleet's headline, one row
/// per account linking its report, readiness by model over every account, and which accounts
/// failed and since when.
public enum RollupHTML {
  /// Name of the template.
  public static let template = "rollup"

  /// Writes `report.html` into `folder`.
  public static func write(_ rollup: FleetRollup, templates: ReportTemplates, into folder: ReportFolder)
    throws
  {
    try folder.write("report.html", contents: render(rollup, templates: templates))
  }

  /// The page, as text: for the folder and the summary e-mail alike.
  public static func render(_ rollup: FleetRollup, templates: ReportTemplates) throws -> String {
    guard let html = templates.library.render(context(rollup), withTemplate: template) else {
      throw RenderError.invalidTemplate(
        name: template + ".mustache", reason: "not found in \(templates.directory.path)")
    }
    return html
  }

  /// The template's values.
  static func context(_ rollup: FleetRollup) -> [String: Any] {
    let totals = rollup.totals
    let published = rollup.accounts.filter(\.published)
    let failed = rollup.accounts.filter { !$0.published }
    let accounts: [[String: Any]] = rollup.accounts.map { account in
      var row: [String: Any] = [
        "account": account.account, "clientType": account.clientType ?? "all", "outcome": account.outcome,
        "exitCode": String(account.exitCode), "link": account.reportLink, "published": account.published,
        "asOf": account.asOf.map { Figures.readableInstant($0) } ?? "never", "hasReport": account.asOf != nil,
        // Every key is set, so that a failed night's empty cells never show the fleet's figures
        // (Mustache looks a missing key up in the enclosing context).
        "devices": "", "fotaCapable": "", "fotaCapableShare": "", "readyToUpgrade": "", "dataProblems": "",
      ]
      if let figures = account.figures {
        row["devices"] = Figures.grouped(figures.devices)
        row["fotaCapable"] = Figures.grouped(figures.fotaCapable)
        row["fotaCapableShare"] = Figures.percent(figures.fotaCapable, of: figures.devices)
        row["readyToUpgrade"] = figures.readyToUpgrade.map(Figures.grouped) ?? "–"
        row["dataProblems"] = Figures.grouped(figures.dataProblems)
      }
      return row
    }
    let models: [[String: Any]] = rollup.summary.modelsBySize.map { model in
      [
        "make": model.key.make, "model": model.key.model, "devices": Figures.grouped(model.counts.devices),
        "fotaCapable": Figures.grouped(model.counts.ready),
        "share": Figures.percent(model.counts.ready, of: model.counts.devices),
        "neverUpgraded": Figures.grouped(model.counts.neverUpgraded),
      ]
    }
    let failures: [[String: Any]] = failed.map { account in
      [
        "account": account.account, "clientType": account.clientType ?? "all", "outcome": account.outcome,
        "exitCode": String(account.exitCode), "reason": account.reason ?? "",
        "since": account.asOf.map { "its last report is as of \(Figures.readableInstant($0))" }
          ?? "it has never published a report",
        "link": account.reportLink, "hasReport": account.asOf != nil,
      ]
    }
    return [
      "title": "FOTA readiness: \(rollup.accounts.count) accounts",
      "started": Figures.readableInstant(rollup.started),
      "accountCount": String(rollup.accounts.count),
      "publishedCount": String(published.count),
      "failedCount": String(failed.count),
      "devices": Figures.grouped(totals.devices),
      "fotaCapable": Figures.grouped(totals.fotaCapable),
      "fotaCapableShare": Figures.percent(totals.fotaCapable, of: totals.devices),
      "readyToUpgrade": totals.readyToUpgrade.map(Figures.grouped) ?? "–",
      "dataProblems": Figures.grouped(totals.dataProblems),
      "accounts": accounts,
      "models": models,
      "hasModels": !models.isEmpty,
      "failures": failures,
      "hasFailures": !failures.isEmpty,
    ]
  }
}

import FOTAModel
import FOTARender
import Foundation

/// Composes the fleet's summary e-mail of a run of many accounts (`rollup-email-to`): the
/// headline and one line per account as text, the roll-up's page as HTML, `accounts.csv`
/// attached; written as `summary.eml` into the roll-up's folder before it is published.
public struct RollupMailComposer {
  public let from: MailAddress
  public let to: [MailAddress]
  public let date: Date

  /// Name of the message's file in the roll-up's folder.
  public static let fileName = "summary.eml"

  /// Creates a composer.
  public init(from: MailAddress, to: [MailAddress], date: Date) {
    self.from = from
    self.to = to
    self.date = date
  }

  /// The message for `rollup`, whose page is `html`, written into `folder`.
  public func compose(_ rollup: FleetRollup, html: String, into folder: ReportFolder) throws -> MIMEMessage {
    let message = MIMEMessage(
      from: from, to: to, subject: Self.subject(rollup), date: date,
      messageID: "\(UUID().uuidString.lowercased())@fota-report", text: Self.text(rollup), html: html,
      attachments: [
        MIMEMessage.Attachment(
          name: "accounts.csv", contentType: "text/csv; charset=utf-8",
          data: Data(RollupCSVFiles.accountsTable(rollup).utf8))
      ])
    try folder.write(Self.fileName, contents: message.rendered)
    return message
  }

  /// The subject: the fleet in one line, and how many accounts failed.
  static func subject(_ rollup: FleetRollup) -> String {
    let totals = rollup.totals
    let failed = rollup.accounts.filter { !$0.published }.count
    var subject =
      "FOTA readiness, \(rollup.accounts.count) accounts: \(Figures.grouped(totals.devices)) devices, "
      + "\(Figures.percent(totals.fotaCapable, of: totals.devices))% FOTA-capable"
    if failed > 0 { subject += "; \(failed) failed" }
    return subject
  }

  /// The plain-text body: the headline, then one line per account.
  static func text(_ rollup: FleetRollup) -> String {
    let totals = rollup.totals
    var lines = [
      "The fleet tonight, over \(rollup.accounts.filter(\.published).count) of \(rollup.accounts.count) accounts:",
      "  \(Figures.grouped(totals.devices)) devices, \(Figures.grouped(totals.fotaCapable)) FOTA-capable "
        + "(\(Figures.percent(totals.fotaCapable, of: totals.devices))%)"
        + (totals.readyToUpgrade.map { ", \(Figures.grouped($0)) ready to upgrade" } ?? ""),
      "",
    ]
    for account in rollup.accounts {
      let name = "\(account.account) (\(account.clientType ?? "all"))"
      if let figures = account.figures {
        lines.append(
          "  \(name): \(account.outcome), \(Figures.grouped(figures.devices)) devices, "
            + "\(Figures.percent(figures.fotaCapable, of: figures.devices))% FOTA-capable")
      } else {
        let since = account.asOf.map { "last report as of \(Figures.readableInstant($0))" } ?? "no report yet"
        lines.append("  \(name): \(account.outcome) (exit \(account.exitCode)); \(since)")
      }
    }
    lines.append("")
    lines.append("accounts.csv is attached; the roll-up's report.html links every account's report.")
    return lines.joined(separator: "\n") + "\n"
  }
}

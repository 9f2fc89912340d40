import ArgumentParser
import FOTAMail
import FOTAModel
import Foundation

/// Who gets the e-mailed summary.
struct EmailOptionsGroup: ParsableArguments {
  @Option(
    name: .customLong("email-to"),
    help: ArgumentHelp("Recipient of summary.eml (repeatable).", valueName: "ADDR"))
  var emailTo: [String] = []

  @Option(name: .customLong("email-from"), help: ArgumentHelp("Sender of summary.eml.", valueName: "ADDR"))
  var emailFrom: String?

  @Flag(
    name: .customLong("email-attach-devices"),
    help: "Attach device-level files (upgrade-plan.csv, changes.csv; IMEIs, never phone numbers).")
  var attachDevices = false

  @Option(
    name: .customLong("report-url"),
    help: ArgumentHelp(
      "Where readers open the published report (http or https); the summary links to it. Without it, "
        + "the summary says where the report is on this host.",
      valueName: "URL"))
  var reportURL: String?

  @Option(
    name: .customLong("alert-drop"),
    help: ArgumentHelp(
      "Open the summary with an alert when the FOTA-capable share fell by more than this many "
        + "percentage points since the last night (data problems rising by more than half always do).",
      valueName: "POINTS"))
  var alertDrop: Double = 2

  @OptionGroup(title: "Delivery")
  var delivery: DeliveryOptions

  func validate() throws {
    if let reportURL {
      guard let url = URL(string: reportURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
        url.host?.isEmpty == false
      else { throw ValidationError("--report-url must be an http:// or https:// address, got \(reportURL)") }
    }
    guard alertDrop >= 0, alertDrop.isFinite else {
      throw ValidationError("--alert-drop must be a number of percentage points, 0 or more")
    }
    do {
      _ = try options
    } catch {
      throw ValidationError(ErrorText.describe(error))
    }
  }

  /// Refuses a sender without recipients, or a delivery without either. Checked by `run` for
  /// a night's options; a config file's top level may set the sender and the delivery for the
  /// accounts that have recipients.
  func checkRecipients() throws {
    guard emailTo.isEmpty == (emailFrom == nil) else {
      throw ValidationError("--email-to and --email-from go together")
    }
    if delivery.isRequested && emailTo.isEmpty {
      throw ValidationError("--sendmail and --smtp-url need --email-to and --email-from")
    }
  }

  var options: EmailOptions? {
    get throws {
      guard let emailFrom, !emailTo.isEmpty else { return nil }
      return EmailOptions(
        from: try MailAddress(emailFrom), to: try emailTo.map { try MailAddress($0) },
        attachDevices: attachDevices, reportURL: reportURL, alertDropPoints: alertDrop)
    }
  }
}

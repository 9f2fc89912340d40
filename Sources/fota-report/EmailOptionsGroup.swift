import ArgumentParser
import FOTAMail
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

  @OptionGroup(title: "Delivery")
  var delivery: DeliveryOptions

  func validate() throws {
    guard emailTo.isEmpty == (emailFrom == nil) else {
      throw ValidationError("--email-to and --email-from go together")
    }
    if delivery.isRequested && emailTo.isEmpty {
      throw ValidationError("--sendmail and --smtp-url need --email-to and --email-from")
    }
    do {
      _ = try options
    } catch {
      throw ValidationError(error.localizedDescription)
    }
  }

  var options: EmailOptions? {
    get throws {
      guard let emailFrom, !emailTo.isEmpty else { return nil }
      return EmailOptions(
        from: try MailAddress(emailFrom), to: try emailTo.map { try MailAddress($0) },
        attachDevices: attachDevices)
    }
  }
}

import ArgumentParser
import FOTAMail
import Foundation

/// How `summary.eml` is sent, if at all. SMTP credentials come from the environment only.
struct DeliveryOptions: ParsableArguments {
  @Flag(help: "Send the summary with /usr/sbin/sendmail -t -i (the message on its standard input).")
  var sendmail = false

  @Option(
    name: .customLong("sendmail-command"),
    help: ArgumentHelp(
      "Send with this sendmail-compatible command instead (implies --sendmail).", valueName: "CMD"))
  var sendmailCommand: String?

  @Option(
    name: .customLong("smtp-url"),
    help: ArgumentHelp(
      "Send through this server: smtp://HOST:PORT (STARTTLS when offered) or smtps://HOST:PORT; "
        + "SMTP_USERNAME and SMTP_PASSWORD from the environment for AUTH.",
      valueName: "URL"))
  var smtpURL: String?

  @Option(
    name: .customLong("smtp-ca-file"),
    help: ArgumentHelp(
      "Trust the certificate authorities in this PEM file for --smtp-url.", valueName: "PATH"))
  var smtpCAFile: String?

  @Flag(
    name: .customLong("smtp-require-tls"),
    help: "Refuse a relay that offers no STARTTLS (for smtp://; smtps:// is always TLS).")
  var smtpRequireTLS = false

  var isRequested: Bool { sendmail || sendmailCommand != nil || smtpURL != nil }

  func validate() throws {
    if (sendmail || sendmailCommand != nil) && smtpURL != nil {
      throw ValidationError("choose --sendmail or --smtp-url, not both")
    }
    if let smtpURL {
      do {
        _ = try SMTPDelivery(url: smtpURL, username: nil, password: nil)
      } catch {
        throw ValidationError("--smtp-url: give smtp://HOST:PORT or smtps://HOST:PORT")
      }
    }
  }

  /// The delivery asked for, or `nil` to only write the message; an SMTP conversation, or a
  /// `sendmail` from start to exit, takes at most `timeout` as a whole.
  func delivery(timeout: Duration = .seconds(60)) throws -> (any MailDelivery)? {
    if let smtpURL {
      let environment = ProcessInfo.processInfo.environment
      return try SMTPDelivery(
        url: smtpURL, username: environment["SMTP_USERNAME"], password: environment["SMTP_PASSWORD"],
        trustedCAFile: smtpCAFile, requireTLS: smtpRequireTLS, timeout: timeout)
    }
    if let sendmailCommand {
      return SendmailDelivery(
        command: sendmailCommand.split(separator: " ").map(String.init), timeout: timeout)
    }
    return sendmail ? SendmailDelivery(timeout: timeout) : nil
  }
}

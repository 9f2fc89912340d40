import ArgumentParser
import FOTAMail
import Foundation

/// `fota-report email --resend DIR`: send a report folder's summary.eml again.
struct EmailCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "email",
    abstract: "Send a published report's summary.eml again (after a delivery failure).",
    discussion: "Exit codes: 0 sent, 3 delivery failed, 1 no message, 64 bad usage."
  )

  @Option(help: ArgumentHelp("The report folder holding summary.eml.", valueName: "DIR"))
  var resend: String

  @OptionGroup(title: "Delivery")
  var delivery: DeliveryOptions

  func validate() throws {
    guard delivery.isRequested else { throw ValidationError("give --sendmail or --smtp-url") }
  }

  func run() async throws {
    let message: SavedMessage
    do {
      message = try SavedMessage(folder: URL(fileURLWithPath: resend))
    } catch {
      FailureReport.print(error)
      throw ExitCode.failure
    }
    guard let delivery = try delivery.delivery() else { return }
    do {
      try await delivery.deliver(message.text, from: message.from, to: message.to)
    } catch {
      FailureReport.print(error)
      throw ExitCode(3)
    }
  }
}

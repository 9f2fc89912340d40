import ArgumentParser

/// The `fota-report` command line.
@main
struct FOTAReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fota-report",
    abstract: "Nightly FOTA readiness reports for Verizon ThingSpace accounts.",
    discussion: """
      Collects every page of a ThingSpace account's FOTA device list, normalises each device, \
      aggregates the fleet by model, firmware, license, eligibility, client type, status and \
      upgrade age, and publishes CSV, HTML and XML reports atomically.

      Exit codes: 0 success, 1 failure (nothing published; the previous report stays), \
      3 the reports were published but the summary e-mail could not be delivered, 64 bad usage.
      """,
    subcommands: [RunCommand.self, HistoryCommand.self, EmailCommand.self]
  )
}

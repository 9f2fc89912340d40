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

      `fota-report run --help` is the manual of the nightly run; `fota-report history --help` and \
      `fota-report email --help` those of the other commands.

      Exit codes: 0 success; 1 failure (nothing published; the previous report stays); 3 the \
      reports were published but the summary e-mail could not be delivered; 4 the reports were \
      published but the history or the saved pages could not be written; 64 bad usage or a \
      refused path; 75 another run holds the report folder or the history (try again later).
      """,
    version: BuildVersion.text,
    subcommands: [RunCommand.self, HistoryCommand.self, EmailCommand.self]
  )
}

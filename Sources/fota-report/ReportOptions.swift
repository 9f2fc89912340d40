import ArgumentParser
import FOTACollect
import FOTAHistory
import FOTAModel
import FOTANormalise
import FOTAPlan
import FOTARender
import Foundation

/// Where and how the reports are written.
struct ReportOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The report folder, replaced atomically.", valueName: "DIR"))
  var out = "Reports/latest"

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp(
      "The instant upgrade ages are measured against (ISO 8601, e.g. 2026-11-01T00:00:00Z); default now "
        + "(with --demo, the demo's night: 2026-11-01 plus --night days).",
      valueName: "ISO8601"))
  var asOf: AsOfArgument?

  @Option(
    help: ArgumentHelp(
      "Report formats, comma-separated: csv, html, xml, xlsx (run.json is always written).",
      valueName: "LIST"))
  var formats: [FormatListArgument] = [FormatListArgument(formats: ReportFormat.allCases)]

  @Option(
    help: ArgumentHelp(
      "Folder with report.mustache and report.xsd; default: ./Templates or the checkout's.",
      valueName: "DIR"))
  var templates: String?

  @Flag(name: .customLong("xml-devices"), help: "List every device in report.xml.")
  var xmlDevices = false

  @Flag(
    name: .customLong("xlsx-devices"),
    help: ArgumentHelp(
      "Add the per-device sheets (Devices, and Plan when planning) to report.xlsx; without it the "
        + "workbook holds the summary sheets and chart, and points to devices.csv. Never a phone number."))
  var xlsxDevices = false

  @Option(
    help: ArgumentHelp(
      "The history of earlier runs, for what changed since the last one: an SQLite file, or a shared "
        + "PostgreSQL database as postgresql://USER@HOST:PORT/DATABASE (?sslmode=disable|prefer|require|"
        + "verify-full, sslrootcert=FILE, host=/socket/dir); its password comes from PGPASSWORD or a "
        + ".pgpass file (PGPASSFILE), never from the URL.",
      valueName: "PATH|URL"))
  var history = "Reports/history.sqlite"

  @Option(
    name: .customLong("history-schema"),
    help: ArgumentHelp("The schema of a PostgreSQL history's tables and views.", valueName: "NAME"))
  var historySchema = "fota"

  @Flag(name: .customLong("no-history"), help: "Keep no history and report no changes.")
  var noHistory = false

  @Flag(
    name: .customLong("allow-drop"),
    help: "Publish a night whose fleet fell by more than half since the last recorded night.")
  var allowDrop = false

  @Flag(
    name: .customLong("group-readable"),
    help: "Create report files, saved pages and history readable by the group too (default owner only).")
  var groupReadable = false

  @Option(name: .customLong("trend-nights"), help: "Nights the adoption trends look back over.")
  var trendNights = 30

  @Option(
    name: .customLong("target-share"),
    help: "Share (percent) of a model on its newest firmware that projections aim for.")
  var targetShare = 95.0

  @Flag(name: .customLong("no-plan"), help: "Skip upgrade planning (firmware list, license pool, campaigns).")
  var noPlan = false

  @Flag(
    name: .customLong("no-campaigns"),
    help: "Plan without reading the upgrade reports (what happened to the upgrades already scheduled).")
  var noCampaigns = false

  @Option(
    name: .customLong("max-failed-upgrades"),
    help: ArgumentHelp(
      "Hold a device back as 'failing' once this many of its upgrades in a row toward its next hop "
        + "failed; it is then kept out of the campaign files.",
      valueName: "N"))
  var maxFailedUpgrades = 2

  @Flag(
    name: .customLong("retry-failed"),
    help: "Plan devices whose upgrades keep failing again (they stay 'ready' and go into the campaign files)."
  )
  var retryFailed = false

  @Option(
    name: .customLong("campaign-days"),
    help: ArgumentHelp("Days back the report lists finished upgrades.", valueName: "DAYS"))
  var campaignDays = 30

  @Option(
    name: .customLong("alert-failure-rate"),
    help: ArgumentHelp(
      "Open the e-mail with an alert for each upgrade whose failure rate (failed of its devices, "
        + "percent) passes this.",
      valueName: "PERCENT"))
  var alertFailureRate = 10.0

  @Option(help: ArgumentHelp("Campaign phases: cumulative percentages of each cohort.", valueName: "LIST"))
  var phases = "1,10,50,100"

  @Option(name: .customLong("max-devices-per-request"), help: "Devices per campaign request file at most.")
  var maxDevicesPerRequest = 1000

  @Option(
    name: .customLong("window-start"),
    help: ArgumentHelp(
      "First day of the first phase (YYYY-MM-DD); default the day after --as-of.", valueName: "DATE"))
  var windowStart: AsOfArgument?

  @Option(name: .customLong("window-days"), help: "Days each phase's window lasts.")
  var windowDays = 7

  @Option(
    name: .customLong("campaign-statuses"),
    help: ArgumentHelp(
      "Device statuses campaigns may schedule, comma-separated, any case (a device without a status "
        + "counts as active); others are planned 'inactive'.",
      valueName: "LIST"))
  var campaignStatuses = "Active"

  var phaseList: [Int] {
    phases.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
  }

  var planOptions: PlanOptions? {
    guard !noPlan else { return nil }
    return PlanOptions(
      phases: phaseList, maxDevicesPerRequest: maxDevicesPerRequest,
      windowStart: windowStart.map { CivilCalendar.floorDays(milliseconds: $0.milliseconds) },
      windowDays: windowDays,
      campaignStatuses: CampaignStatuses(campaignStatuses.split(separator: ",").map(String.init)),
      campaignOutcomes: !noCampaigns, maxFailedUpgrades: maxFailedUpgrades, retryFailed: retryFailed,
      campaignDays: campaignDays, alertFailureRate: alertFailureRate)
  }

  /// `--history` and `--history-schema` read; a malformed URL is a usage error (exit 64).
  func historyLocation() throws -> HistoryLocation? {
    guard !noHistory else { return nil }
    return try HistoryLocation.parse(history, schema: historySchema)
  }

  var outputURL: URL { URL(fileURLWithPath: out) }

  /// `--as-of`, else the source's own date (the demo's night), else now.
  func asOfMilliseconds(for source: NightSource) -> Int64 {
    asOf?.milliseconds ?? source.datedNight ?? Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
  }

  var templatesURL: URL {
    if let templates { return URL(fileURLWithPath: templates) }
    return ReportTemplates.locateDefault(executablePath: BuildVersion.executablePath)
  }
}

import ArgumentParser
import FOTACollect
import FOTAJob
import FOTAMail
import FOTAModel
import FOTANormalise
import FOTAPlan
import FOTAPublish
import Foundation
import Logging
import ThingSpaceAPI

/// `fota-report run`: collect, aggregate, render and publish one night's reports.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Collect the device list and publish the night's reports.",
    discussion: """
      Collects the device list of --account from the ThingSpace API, from saved pages \
      (--from-pages), or from the built-in demo fleet read in process \
      (--demo), and writes devices.csv, by-model-firmware.csv, by-model.csv, by-firmware.csv, \
      readiness.csv, upgrade-age.csv, report.html, report.xml and run.json into --out; with \
      history (the default, kept in --history) changes.csv and trend.csv, what changed since the \
      previous run of the same account and --client-type and how firmware adoption is going; \
      with planning (the default) upgrade-plan.csv, license-reclaim.csv and campaigns/, request \
      files for the next upgrade campaign; and with --email-to summary.eml, sent by --sendmail \
      or --smtp-url. The files \
      are written into a hidden sibling folder first and swapped into place only when all are \
      complete: a failed run leaves the previous report untouched.

      Credentials come from the environment only: THINGSPACE_BEARER_TOKEN and \
      THINGSPACE_SESSION_TOKEN (used as they are), or THINGSPACE_CLIENT_ID, \
      THINGSPACE_CLIENT_SECRET, THINGSPACE_USERNAME and THINGSPACE_PASSWORD (the job logs in, \
      and renews an expired token or session once). A failed login is never retried.
      """
  )

  @OptionGroup(title: "Source")
  var source: SourceOptions

  @OptionGroup(title: "Report")
  var report: ReportOptions

  @OptionGroup(title: "E-mail")
  var email: EmailOptionsGroup

  @OptionGroup(title: "Logging")
  var logging: LoggingOptions

  @Flag(
    name: .customLong("check-config"),
    help: ArgumentHelp(
      "Check the options (with --config, the file, every account's options and credentials files) "
        + "and exit without a request: 0 and one line per night on standard output when a run would "
        + "start, 64 naming the mistake when not."))
  var checkConfig = false

  func validate() throws {
    if source.config == nil { try email.checkRecipients() }
    _ = try report.historyLocation()
    try source.validate()
    if let problem = CampaignPlanner.validate(phases: report.phaseList) {
      throw ValidationError("--phases: \(problem)")
    }
    if report.phaseList.count != report.phases.split(separator: ",").count {
      throw ValidationError("--phases takes whole percentages separated by commas, like 1,10,50,100")
    }
    guard report.maxDevicesPerRequest >= 1 else {
      throw ValidationError("--max-devices-per-request must be at least 1")
    }
    guard report.windowDays >= 1 else { throw ValidationError("--window-days must be at least 1") }
    guard report.maxFailedUpgrades >= 1 else {
      throw ValidationError(
        "--max-failed-upgrades must be at least 1 (use --retry-failed to plan them anyway)")
    }
    guard report.campaignDays >= 1 else { throw ValidationError("--campaign-days must be at least 1") }
    guard report.alertFailureRate >= 0, report.alertFailureRate <= 100 else {
      throw ValidationError("--alert-failure-rate must be between 0 and 100")
    }
    guard report.trendNights >= 1 else { throw ValidationError("--trend-nights must be at least 1") }
    guard report.targetShare > 0, report.targetShare <= 100 else {
      throw ValidationError("--target-share must be above 0 and at most 100")
    }
  }

  func run() async throws {
    if let config = source.config {
      let status = await AccountsRun(command: self, configPath: config).run()
      if status != ExitStatus.success { throw ExitCode(status) }
      return
    }
    // Report files, saved pages and the history hold phone numbers: owner-only unless asked.
    umask(report.groupReadable ? 0o027 : 0o077)
    let redactor = SecretRedactor(ProcessInfo.processInfo.environment["SMTP_PASSWORD"].map { [$0] } ?? [])
    let logger = logging.makeLogger(redactor: redactor)
    let configuration = try configuration(redactor: redactor)
    if checkConfig {
      print(
        AccountsRun.describe(configuration, name: configuration.account ?? configuration.source.account ?? "")
      )
      return
    }
    let stop = NightStop()
    let reporter = ProgressReporter(logger: logger)
    let night = AccountNight(
      configuration: configuration, metricsFile: logging.metricsFile, logger: logger, reporter: reporter)
    let deadline = source.deadline.duration
    let result = await night.run(stop: stop) { job in
      try await NightWatch.run(deadline: deadline, stop: stop) { try await job.run() }
    }
    if result.status != ExitStatus.success { throw ExitCode(result.status) }
  }

  /// The night these options describe; credentials from ``CredentialEnvironment``.
  func configuration(redactor: SecretRedactor) throws -> RunConfiguration {
    var configuration = RunConfiguration(
      source: source.resolved, account: source.account, output: report.outputURL,
      asOf: report.asOfMilliseconds(for: source.resolved), clientType: source.clientType?.value,
      formats: Set(report.formats.flatMap(\.formats)), templates: report.templatesURL,
      savePages: source.savePages.map { URL(fileURLWithPath: $0) }, xmlDevices: report.xmlDevices)
    configuration.xlsxDevices = report.xlsxDevices
    configuration.retryPolicy = source.retryPolicy
    configuration.parallel = source.parallel
    configuration.historyLocation = try report.historyLocation()
    configuration.plan = report.planOptions
    configuration.email = try email.options
    configuration.delivery = try email.delivery.delivery(timeout: .seconds(source.timeout))
    configuration.trendNights = report.trendNights
    configuration.targetSharePercent = report.targetShare
    configuration.allowDrop = report.allowDrop
    configuration.redactor = redactor
    return configuration
  }
}

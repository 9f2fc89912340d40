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

  func validate() throws {
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
    // Report files, saved pages and the history hold phone numbers: owner-only unless asked.
    umask(report.groupReadable ? 0o027 : 0o077)
    let redactor = SecretRedactor(ProcessInfo.processInfo.environment["SMTP_PASSWORD"].map { [$0] } ?? [])
    let logger = logging.makeLogger(redactor: redactor)
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
    var job = ReportJob(configuration: configuration, logger: logger)
    let reporter = ProgressReporter(logger: logger)
    let stop = NightStop()
    job.progress = {
      reporter.report($0)
      stop.progress($0)
    }
    let started = Date()
    var outcome: RunOutcome?
    let status: Int32
    do {
      let published = try await NightWatch.run(job, deadline: source.deadline.duration, stop: stop)
      reporter.finish()
      outcome = published
      status = finished(published, stop: stop, redactor: redactor, logger: logger)
    } catch {
      reporter.finish()
      if stop.cause != nil {
        status = stopped(stop, published: false, logger: logger)
      } else {
        FailureReport.print(error, redactor: redactor)
        status = ExitStatus.of(error)
      }
    }
    if let metricsFile = logging.metricsFile {
      let account = outcome?.figures.account ?? configuration.account ?? configuration.source.account ?? ""
      var metrics = NightMetrics(
        account: account, clientType: configuration.clientType?.rawValue,
        started: started.timeIntervalSince1970, runSeconds: Date().timeIntervalSince(started),
        exitCode: status)
      if let outcome {
        metrics.stageSeconds = outcome.stageSeconds
        metrics.http = outcome.figures.http
        metrics.fleet = NightMetrics.Fleet(
          devices: outcome.summary.totals.devices, fotaCapable: outcome.summary.totals.ready,
          readyToUpgrade: outcome.readyToUpgrade, dataProblems: outcome.diagnostics.totalCount,
          changedDevices: outcome.delta?.changedDevices)
      }
      do {
        try metrics.write(to: URL(fileURLWithPath: metricsFile))
      } catch {
        logger.error("metrics not written", metadata: ["reason": "\(ErrorText.describe(error))"])
        FailureReport.print(error, redactor: redactor)
      }
    }
    if status != ExitStatus.success { throw ExitCode(status) }
  }

  /// Says what a published night left undone, and gives its exit code.
  private func finished(_ outcome: RunOutcome, stop: NightStop, redactor: SecretRedactor, logger: Logger)
    -> Int32
  {
    if stop.cause != nil { return stopped(stop, published: true, logger: logger) }
    logger.info(
      "done",
      metadata: [
        "account": "\(outcome.figures.account)", "devices": "\(outcome.summary.totals.devices)",
        "fotaCapable": "\(outcome.summary.totals.ready)", "output": "\(outcome.output.path)",
      ])
    let status = ExitStatus.of(outcome)
    if status == ExitStatus.recordIncomplete {
      for problem in outcome.incompleteRecord {
        FailureReport.print(message: "the report was published, but \(problem)", redactor: redactor)
      }
    }
    if case .failed(let reason) = outcome.delivery {
      FailureReport.print(message: reason, redactor: redactor)
    }
    return status
  }

  /// Says why and where a stopped night ended, in the log and on standard error, and gives its
  /// exit code.
  private func stopped(_ stop: NightStop, published: Bool, logger: Logger) -> Int32 {
    let message = stop.message(published: published)
    logger.error("\(message)")
    FailureReport.print(message: message)
    return stop.exitCode
  }
}

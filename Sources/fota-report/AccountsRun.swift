import ArgumentParser
import FOTACollect
import FOTAConfig
import FOTAJob
import FOTAMail
import FOTAModel
import FOTARender
import Foundation
import Logging
import ThingSpaceAPI

/// `run --config FILE`: every account of a config file, each night exactly the night a run of
/// that account alone would make, `accounts-at-once` of them at a time, one never stopping or
/// changing another; then one line per account on standard error, and the run's exit code.
struct AccountsRun {
  /// The command as given beside `--config`.
  let command: RunCommand
  let configPath: String

  /// One account, ready to run.
  private struct Planned {
    var account: AccountsFile.Account
    var configuration: RunConfiguration
    var metricsFile: String?
    /// Where readers open its report (`report-url`), if given.
    var reportURL: String?

    /// What nights that must take turns share: an SQLite history's file; a night without one, or
    /// with a PostgreSQL history (locked per account), shares nothing.
    var historyKey: String {
      guard let history = configuration.history else { return "\u{0}\(account.line)" }
      return history.standardizedFileURL.path
    }
  }

  /// Runs every account and gives the run's exit code.
  func run() async -> Int32 {
    let file: AccountsFile
    let planned: [Planned]
    let whole: RunCommand
    var rollupMail: RollupMailComposer?
    var rollupDelivery: (any MailDelivery)?
    let redactor = SecretRedactor(ProcessInfo.processInfo.environment["SMTP_PASSWORD"].map { [$0] } ?? [])
    let logins = SharedLogins()
    do {
      let beside = Self.optionsBesideConfig()
      file = try AccountsFile.load(
        path: configPath, options: .run, commandLine: beside, date: Self.today(),
        mailKeys: Set(OptionCatalogue.of(EmailOptionsGroup.self).kinds.keys).subtracting([
          "email-to", "report-url",
        ]))
      whole = try parse(file.runArguments + ["--demo"], account: nil, in: file, beside: beside)
      if !file.rollupEmailTo.isEmpty {
        (rollupMail, rollupDelivery) = try Self.rollupMail(file, timeout: whole.source.timeout)
      }
      planned = try file.accounts.map { account in
        let environment =
          account.credentials.map(CredentialEnvironment.replacing(with:))
          ?? ProcessInfo.processInfo.environment
        return try CredentialEnvironment.$current.withValue(environment) {
          let parsed = try parse(account.arguments, account: account, in: file, beside: beside)
          var configuration = try parsed.configuration(redactor: redactor)
          configuration.sharedLogins = logins
          return Planned(
            account: account, configuration: configuration, metricsFile: parsed.logging.metricsFile)
        }
      }
    } catch {
      FailureReport.print(message: "\(error)", redactor: redactor)
      return ExitStatus.usage
    }

    if command.checkConfig {
      for night in planned {
        print(
          Self.describe(
            night.configuration, name: night.account.name, credentials: night.account.credentialsFile))
      }
      if let rollup = file.rollup { print("roll-up: \(rollup)") }
      return ExitStatus.success
    }
    let started = Date()
    umask(whole.report.groupReadable ? 0o027 : 0o077)
    let logger = whole.logging.makeLogger(redactor: redactor)
    let stop = NightStop()
    let results: [AccountNight.Result]
    do {
      results = try await NightWatch.run(deadline: whole.source.deadline.duration, stop: stop) {
        await Self.nights(planned, atOnce: file.accountsAtOnce, stop: stop, logger: logger)
      }
    } catch {
      FailureReport.print(error, redactor: redactor)
      return ExitStatus.failure
    }
    var rollupStatus = ExitStatus.success
    if let folder = file.rollup, stop.cause == nil {
      let publisher = RollupPublisher(
        destination: URL(fileURLWithPath: folder), templates: whole.report.templatesURL)
      do {
        let message = try publisher.publish(
          Self.rollup(planned, results, publisher: publisher, started: started), mail: rollupMail)
        logger.info("roll-up published", metadata: ["output": "\(publisher.destination.path)"])
        if let message, let rollupDelivery {
          do {
            try await rollupDelivery.deliver(message.rendered, from: message.from, to: message.to)
            logger.info("roll-up summary sent", metadata: ["via": "\(rollupDelivery.label)"])
          } catch {
            FailureReport.print(
              message: "the roll-up's summary was not sent: \(ErrorText.describe(error))", redactor: redactor)
            rollupStatus = ExitStatus.deliveryFailed
          }
        }
      } catch {
        FailureReport.print(
          message: "the roll-up was not published (the previous one stays): \(ErrorText.describe(error))",
          redactor: redactor)
        rollupStatus = ExitStatus.failure
      }
    }
    for (night, result) in zip(planned, results) {
      FailureReport.print(summary: Self.summary(night, result), redactor: redactor)
    }
    if stop.cause != nil { return stop.exitCode }
    return ExitStatus.of(results.map(\.status) + [rollupStatus])
  }

  /// One night as `--check-config` lists it: the account, where its report and history go and
  /// where its credentials come from.
  static func describe(_ configuration: RunConfiguration, name: String, credentials: String? = nil) -> String
  {
    let clientType = configuration.clientType?.rawValue ?? "all"
    let history = configuration.historyLocation.map { "\($0)" } ?? "no history"
    let source: String
    switch configuration.source {
    case .api(let baseURL, _, _):
      source = "\(baseURL.absoluteString), credentials from \(credentials ?? "the environment")"
    case .pages(let directory): source = "saved pages in \(directory.path)"
    case .demo: source = "the demo fleet"
    }
    let pages = configuration.savePages.map { "; pages saved in \($0.path)" } ?? ""
    return
      "\(name) (\(clientType)): \(source); report \(configuration.output.path); history \(history)\(pages)"
  }

  /// The roll-up's summary e-mail and how it is sent: `rollup-email-to`, with the top level's
  /// `email-from` and delivery options.
  private static func rollupMail(_ file: AccountsFile, timeout: Int) throws -> (
    RollupMailComposer, (any MailDelivery)?
  ) {
    let composer: RollupMailComposer
    do {
      composer = RollupMailComposer(
        from: try MailAddress(file.topLevelString("email-from") ?? ""),
        to: try file.rollupEmailTo.map { try MailAddress($0) }, date: Date())
    } catch {
      throw ConfigFileError(path: file.path, line: nil, "rollup-email-to: \(ErrorText.describe(error))")
    }
    let arguments = try file.topLevelArguments(
      Set(OptionCatalogue.of(DeliveryOptions.self).kinds.keys), options: .run)
    let delivery: (any MailDelivery)?
    do {
      delivery = try DeliveryOptions.parse(arguments).delivery(timeout: .seconds(timeout))
    } catch {
      throw ConfigFileError(
        path: file.path, line: nil, "the roll-up's delivery: \(DeliveryOptions.message(for: error))")
    }
    return (composer, delivery)
  }

  /// The reason of a night the run was stopped before.
  private static let notStarted = "not started: the run was stopped"

  /// The roll-up of tonight's nights, in the file's order.
  private static func rollup(
    _ planned: [Planned], _ results: [AccountNight.Result], publisher: RollupPublisher, started: Date
  ) -> FleetRollup {
    let accounts = zip(planned, results).map { night, result in
      let outcome = result.outcome
      return FleetRollup.Account(
        account: night.account.name, clientType: night.account.clientType,
        outcome: outcomeName(result.status),
        exitCode: result.status,
        figures: outcome.map {
          FleetRollup.Figures(
            devices: $0.summary.totals.devices, fotaCapable: $0.summary.totals.ready,
            readyToUpgrade: $0.readyToUpgrade, dataProblems: $0.diagnostics.totalCount)
        },
        asOf: outcome?.figures.asOf ?? RollupPublisher.publishedAsOf(in: night.configuration.output),
        reportFolder: night.configuration.output.path,
        reportLink: night.reportURL
          ?? publisher.link(to: night.configuration.output.appendingPathComponent("report.html")),
        reason: result.reason)
    }
    return FleetRollup(
      accounts: accounts, summaries: results.compactMap(\.outcome?.summary),
      started: Int64((started.timeIntervalSince1970 * 1000).rounded(.down)))
  }

  /// What `accounts.csv` calls a night's ending.
  private static func outcomeName(_ status: Int32) -> String {
    switch status {
    case ExitStatus.success: "published"
    case ExitStatus.recordIncomplete: "published-without-history"
    case ExitStatus.deliveryFailed: "published-without-email"
    case ExitStatus.busy: "busy"
    case 128...: "stopped"
    default: "failed"
    }
  }

  /// Every night, at most `atOnce` at a time, in the file's order; results in that order. Nights
  /// that share an SQLite history take turns (its file is locked for a whole night), the next
  /// one starting in the first free place it can have.
  private static func nights(_ planned: [Planned], atOnce: Int, stop: NightStop, logger: Logger) async
    -> [AccountNight.Result]
  {
    await withTaskGroup(of: (Int, AccountNight.Result).self) { group in
      var results = [AccountNight.Result?](repeating: nil, count: planned.count)
      var waiting = Array(planned.indices)
      var historiesInUse: Set<String> = []
      var running = 0
      func startNext() -> Bool {
        guard let position = waiting.firstIndex(where: { !historiesInUse.contains(planned[$0].historyKey) })
        else { return false }
        let index = waiting.remove(at: position)
        historiesInUse.insert(planned[index].historyKey)
        running += 1
        let night = planned[index]
        group.addTask {
          guard !Task.isCancelled else {
            return (
              index, AccountNight.Result(status: stop.exitCode, reason: notStarted)
            )
          }
          var logger = logger
          logger[metadataKey: "account"] = "\(night.account.name)"
          let accountNight = AccountNight(
            configuration: night.configuration, metricsFile: night.metricsFile, logger: logger, reporter: nil,
            label: night.account.name)
          let own = NightStop()
          let result = await accountNight.run(stop: own) { job in
            do {
              let outcome = try await job.run()
              if let cause = stop.cause { own.request(cause) }
              return outcome
            } catch {
              if let cause = stop.cause { own.request(cause) }
              throw error
            }
          }
          return (index, result)
        }
        return true
      }
      while running < atOnce, startNext() {}
      while let (index, result) = await group.next() {
        results[index] = result
        running -= 1
        historiesInUse.remove(planned[index].historyKey)
        while running < atOnce, startNext() {}
      }
      return results.map { $0 ?? AccountNight.Result(status: ExitStatus.failure) }
    }
  }

  /// Parses an account's arguments (or the top level's, without `account`) with `run`'s own
  /// rules; a mistake names the line of the key it came from.
  private func parse(
    _ arguments: [String], account: AccountsFile.Account?, in file: AccountsFile,
    beside: [String: ConfigValue]
  ) throws(ConfigFileError) -> RunCommand {
    do {
      return try RunCommand.parse(arguments)
    } catch {
      var message = RunCommand.message(for: error)
      if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
      let mentioned = message.matches(of: /--([a-z][a-z0-9-]*)/).map { String($0.output.1) }
      let key = mentioned.first { account?.lines[$0] != nil } ?? mentioned.first
      if let key, beside[key] != nil, account?.lines[key] == nil {
        throw ConfigFileError(path: file.path, line: nil, "--\(key) given beside --config: \(message)")
      }
      let line = key.flatMap { account?.lines[$0] } ?? account?.line
      let prefix = account.map { "account \($0.name): " } ?? ""
      throw ConfigFileError(path: file.path, line: line, prefix + message)
    }
  }

  /// The options given beside `--config` on the command line, which replace the file's top level.
  private static func optionsBesideConfig() -> [String: ConfigValue] {
    var arguments = Array(CommandLine.arguments.dropFirst())
    if let run = arguments.firstIndex(of: "run") { arguments.removeFirst(run + 1) }
    var beside: [String] = []
    var index = 0
    while index < arguments.count {
      if arguments[index] == "--config" {
        index += 2
        continue
      }
      if !arguments[index].hasPrefix("--config=") { beside.append(arguments[index]) }
      index += 1
    }
    return OptionCatalogue.run.settings(from: beside).settings
  }

  /// Today (UTC), which `{date}` stands for in an account without `as-of`.
  private static func today() -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    return formatter.string(from: Date())
  }

  /// The closing line of one account: its outcome, devices and report folder.
  private static func summary(_ night: Planned, _ result: AccountNight.Result) -> String {
    let clientType = night.account.clientType ?? "all"
    let folder = night.configuration.output.path
    let outcome: String
    switch result.status {
    case ExitStatus.success: outcome = "published"
    case ExitStatus.recordIncomplete: outcome = "published, history not written (exit 4)"
    case ExitStatus.deliveryFailed: outcome = "published, e-mail not delivered (exit 3)"
    case ExitStatus.busy: outcome = "not run: another run holds it (exit 75); the previous report stays"
    case 128... where result.reason == Self.notStarted:
      outcome = "not started: the run was stopped (exit \(result.status))"
    case 128...:
      outcome =
        "stopped (exit \(result.status))"
        + (result.outcome == nil ? "; the previous report stays" : " after the report was published")
    default: outcome = "failed (exit \(result.status)); the previous report stays"
    }
    let devices = result.outcome.map { "\($0.summary.totals.devices) devices" } ?? "no devices"
    return "\(night.account.name) (\(clientType)): \(outcome), \(devices), \(folder)"
  }
}

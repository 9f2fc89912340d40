import FOTAAggregate
import FOTACollect
import FOTAFleet
import FOTAHistory
import FOTAMail
import FOTANormalise
import FOTAPlan
import FOTAPublish
import FOTARender
import FOTASimulator
import Foundation
import Logging
import ThingSpaceAPI

/// The nightly job: collect → normalise → aggregate → render → publish.
///
/// Pages are normalised and aggregated as they arrive; per-device rows go to a spool file in the
/// staging folder, so memory grows with the number of groups, not devices. Reports are written to
/// a staging folder and published only when every file is complete.
public struct ReportJob: Sendable {
  public let configuration: RunConfiguration
  public let logger: Logger
  /// Extra renderers run after the standard ones (tests use this to inject failures).
  public var additionalRenderers: [any ReportRenderer] = []
  /// Called after every page.
  public var progress: (@Sendable (CollectionProgress) -> Void)?

  /// Creates a job.
  public init(configuration: RunConfiguration, logger: Logger) {
    self.configuration = configuration
    self.logger = logger
  }

  /// Runs the job with the source the configuration names.
  public func run() async throws -> RunOutcome {
    switch configuration.source {
    case .pages(let directory):
      var source = try PageDirectorySource(directory: directory)
      return try await run(source: &source)
    case .demo(let seed, let devices, let night):
      let fleet = SyntheticFleet(seed: seed, deviceCount: devices)
      var quiet = logger
      quiet.logLevel = max(logger.logLevel, .warning)
      var simulated = SimulatorConfiguration(fleet: fleet)
      simulated.night = night
      let simulator = ThingSpaceSimulator(configuration: simulated, logger: quiet)
      return try await simulator.withRunning { baseURL in
        let credentials = SimulatorCredentials.demo
        let client = ThingSpaceClient(
          baseURL: baseURL,
          credentials: .login(
            clientId: credentials.clientId, clientSecret: credentials.clientSecret,
            username: credentials.username, password: credentials.password),
          policy: configuration.retryPolicy, logger: logger)
        var source = HTTPPageSource(
          client: client, account: fleet.account, clientType: configuration.clientType,
          description:
            "demo fleet (seed \(seed), \(devices) records) via the ThingSpace simulator on loopback")
        return try await self.run(source: &source)
      }
    case .api(let baseURL, let account, let credentials):
      let client = ThingSpaceClient(
        baseURL: baseURL, credentials: credentials, policy: configuration.retryPolicy, logger: logger)
      var source = HTTPPageSource(client: client, account: account, clientType: configuration.clientType)
      return try await run(source: &source)
    }
  }

  /// Runs the job over any page source.
  public func run(source: inout some DevicePageSource) async throws -> RunOutcome {
    let templates = try ReportTemplates(directory: configuration.templates)
    let history = try configuration.history.map { url throws(HistoryError) in
      try HistoryStore(path: url.path)
    }
    let publisher = ReportPublisher(destination: configuration.output)
    let staging = try publisher.makeStaging()
    do {
      let night = try await collect(source: &source, staging: staging)
      let clock = ContinuousClock()
      var publishing = Duration.zero
      let finish = { (history: HistoryReport?) throws -> RunOutcome in
        let started = clock.now
        defer { publishing = clock.now - started }
        let outcome = try render(night, history: history, templates: templates, staging: staging)
        try? FileManager.default.removeItem(at: night.spool.url)
        try publisher.publish(staging)
        return outcome
      }
      let outcome: RunOutcome
      if let history {
        let started = clock.now
        outcome = try history.record(
          account: night.info.account, clientTypeFilter: configuration.clientType?.rawValue,
          asOf: configuration.asOf, summary: night.summary, devices: try night.spool.devicesInIMEIOrder(),
          trendNights: configuration.trendNights, targetPercent: configuration.targetSharePercent,
          publish: finish)
        logger.info(
          "history recorded",
          metadata: [
            "path": "\(history.path)", "changes": "\(outcome.delta?.changes.count ?? 0)",
            "seconds": "\(Figures.seconds(Self.seconds(clock.now - started - publishing)))",
          ])
      } else {
        outcome = try finish(nil)
      }
      logger.info(
        "published report",
        metadata: [
          "output": "\(configuration.output.path)", "devices": "\(outcome.summary.totals.devices)",
          "files": "\(outcome.files.count)",
        ])
      return outcome
    } catch {
      publisher.discard(staging)
      throw error
    }
  }

  /// What collection gathered: the figures, the problems and the spooled devices.
  private struct CollectedNight {
    var info: RunInfo
    var summary: FleetSummary
    var diagnostics: Diagnostics
    var spool: DeviceSpool
    var planning: PlanningData?
  }

  private func collect(source: inout some DevicePageSource, staging: URL) async throws -> CollectedNight {
    let clock = ContinuousClock()
    let started = clock.now
    let spool = try DeviceSpool(url: staging.appendingPathComponent(".devices.spool"))
    let recorder = try configuration.savePages.map { url throws(CollectionError) in
      try PageRecorder(directory: url)
    }
    let normaliser = DeviceNormaliser(asOf: configuration.asOf)
    var aggregator = FleetAggregator(asOf: configuration.asOf)
    var diagnostics = Diagnostics()
    var check = PageSequenceCheck(account: configuration.account)
    var info = RunInfo(
      account: configuration.account ?? "", asOf: configuration.asOf,
      source: source.sourceDescription, clientTypeFilter: configuration.clientType?.rawValue)
    logger.info("collecting", metadata: ["source": "\(info.source)"])

    while true {
      let next: CollectedPage?
      do {
        next = try await source.nextPage()
      } catch {
        throw CollectionError.stopped(
          pages: info.pages, devices: info.records, lastCursor: source.position, reason: error)
      }
      guard let page = next else { break }
      try check.accept(page)
      try recorder?.save(page)
      info.pages += 1
      info.records += page.page.deviceList.count
      for entry in page.page.deviceList {
        guard
          let device = normaliser.normalise(entry, page: page.number, diagnostics: &diagnostics)
        else {
          info.skipped += 1
          continue
        }
        if let filter = configuration.clientType, !filter.matches(device.clientType) {
          info.filteredOut += 1
          continue
        }
        if aggregator.add(device, page: page.number, diagnostics: &diagnostics) {
          try spool.append(device)
        }
      }
      if let progress {
        let statistics = await source.statistics()
        progress(
          CollectionProgress(
            pages: info.pages, records: info.records, retries: statistics?.totalRetries ?? 0,
            seconds: Self.seconds(clock.now - started)))
      }
      logger.debug(
        "page",
        metadata: [
          "page": "\(page.number)", "origin": "\(page.origin)", "records": "\(page.page.deviceList.count)",
        ])
    }
    try check.finish()
    info.account = check.account ?? info.account
    info.collectSeconds = Self.seconds(clock.now - started)
    if let statistics = await source.statistics() {
      info.http = HTTPFigures(
        requests: statistics.requests,
        retries: Dictionary(
          uniqueKeysWithValues: RetryCause.allCases.map { ($0.rawValue, statistics.retries[$0] ?? 0) }),
        bearerRenewals: statistics.bearerRenewals, sessionRenewals: statistics.sessionRenewals)
    }
    logger.info(
      "collected",
      metadata: [
        "pages": "\(info.pages)", "devices": "\(aggregator.summary.totals.devices)",
        "seconds": "\(Figures.seconds(info.collectSeconds))",
      ])

    var planning: PlanningData?
    if configuration.plan != nil {
      let data = await source.planningData()
      try recorder?.save(data)
      for line in data.missing { logger.warning("planning data missing", metadata: ["detail": "\(line)"]) }
      planning = data
    }
    return CollectedNight(
      info: info, summary: aggregator.summary, diagnostics: diagnostics, spool: spool, planning: planning)
  }

  private func render(
    _ night: CollectedNight, history: HistoryReport?, templates: ReportTemplates, staging: URL
  ) throws -> RunOutcome {
    let clock = ContinuousClock()
    let renderStarted = clock.now
    var report = FleetReport(
      info: night.info, summary: night.summary, diagnostics: night.diagnostics,
      devices: try night.spool.devicesInIMEIOrder())
    report.planning = try plan(night, devices: report.devices)
    report.delta = history?.delta
    report.trends = history?.trends
    report.historyEnabled = configuration.history != nil
    let folder = ReportFolder(url: staging)
    for renderer in renderers(templates) + additionalRenderers {
      do {
        try renderer.render(report, into: folder)
      } catch let error as RenderError {
        throw error
      } catch let error as LocalizedError {
        throw RenderError.renderFailed(
          renderer: renderer.name, reason: error.errorDescription ?? "\(error)")
      } catch {
        throw RenderError.renderFailed(renderer: renderer.name, reason: "\(error)")
      }
    }
    report.info.renderSeconds = Self.seconds(clock.now - renderStarted)
    try RunRecordRenderer().render(report, into: folder)
    return RunOutcome(
      info: report.info, summary: report.summary, diagnostics: night.diagnostics, delta: history?.delta,
      trends: history?.trends,
      output: configuration.output, files: folder.files.sorted())
  }

  /// Plans every device against the firmware list, when planning is asked for.
  private func plan(_ night: CollectedNight, devices: SpooledDevices) throws -> PlanningReport? {
    guard let options = configuration.plan, let data = night.planning else { return nil }
    let campaigns = CampaignPlanner(
      account: night.info.account, phases: options.phases, maxDevicesPerRequest: options.maxDevicesPerRequest,
      windowStart: options.windowStart ?? CivilCalendar.floorDays(milliseconds: configuration.asOf) + 1,
      windowDays: options.windowDays)
    guard let firmware = data.firmware else {
      return PlanningReport(campaigns: campaigns, plan: nil, planner: nil, missing: data.missing)
    }
    let planner = UpgradePlanner(firmware: firmware)
    var plan = UpgradePlan(licenses: data.licenses)
    for device in devices { plan.add(device, plan: planner.plan(device)) }
    return PlanningReport(campaigns: campaigns, plan: plan, planner: planner, missing: data.missing)
  }

  private func renderers(_ templates: ReportTemplates) -> [any ReportRenderer] {
    var renderers: [any ReportRenderer] = []
    if configuration.plan != nil { renderers.append(PlanRenderer()) }
    if configuration.formats.contains(.csv) { renderers.append(CSVReportRenderer()) }
    if configuration.formats.contains(.html) { renderers.append(HTMLReportRenderer(templates: templates)) }
    if configuration.formats.contains(.xml) {
      renderers.append(
        XMLReportRenderer(schemaPath: templates.schemaPath, includeDevices: configuration.xmlDevices))
    }
    if let email = configuration.email {
      renderers.append(
        SummaryMailRenderer(
          from: email.from, to: email.to, templates: templates, attachDevices: email.attachDevices,
          date: Date()))
    }
    return renderers
  }

  private static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}

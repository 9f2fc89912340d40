import AsyncHTTPClient
import FOTAAggregate
import FOTACollect
import FOTAFleet
import FOTAHistory
import FOTAMail
import FOTAModel
import FOTANormalise
import FOTAPlan
import FOTAPublish
import FOTARender
import FOTASimulator
import Foundation
import Logging
import ThingSpaceAPI

/// The nightly job: collect → normalise → aggregate → plan → record → render → publish → deliver.
///
/// Pages are normalised and aggregated as they arrive; per-device rows go to a spool file in the
/// staging folder, so memory grows with the number of groups, not devices. Reports are written to
/// a staging folder and published only when every file is complete. With history, the night is
/// recorded as pending before the swap and marked published after it, so the report and the
/// history never disagree for longer than a killed run, which the next run mends.
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
    let preflight = try RunPreflight(configuration, logger: logger)
    switch configuration.source {
    case .pages(let directory):
      var source = try PageDirectorySource(directory: directory)
      return try await run(source: &source, preflight: preflight)
    case .demo(let seed, let devices, let night):
      let fleet = SyntheticFleet(seed: seed, deviceCount: devices)
      var quiet = logger
      quiet.logLevel = max(logger.logLevel, .warning)
      var simulated = SimulatorConfiguration(fleet: fleet)
      simulated.night = night
      let simulator = ThingSpaceSimulator(configuration: simulated, logger: quiet)
      return try await simulator.withRunning { baseURL in
        let credentials = SimulatorCredentials.demo
        return try await self.overHTTP(
          baseURL: baseURL, account: fleet.account,
          credentials: .login(
            clientId: credentials.clientId, clientSecret: credentials.clientSecret,
            username: credentials.username, password: credentials.password),
          description:
            "demo fleet (seed \(seed), \(devices) records) via the ThingSpace simulator on loopback",
          preflight: preflight)
      }
    case .api(let baseURL, let account, let credentials):
      return try await overHTTP(
        baseURL: baseURL, account: account, credentials: credentials, description: nil, preflight: preflight)
    }
  }

  /// Collects over HTTP with a client of its own, shut down afterwards.
  private func overHTTP(
    baseURL: URL, account: String, credentials: ThingSpaceCredentials, description: String?,
    preflight: RunPreflight
  ) async throws -> RunOutcome {
    try await HTTPClient.withHTTPClient(configuration: ThingSpaceClient.httpConfiguration) { http in
      let client = ThingSpaceClient(
        baseURL: baseURL, credentials: credentials, policy: configuration.retryPolicy, logger: logger,
        redactor: configuration.redactor, httpClient: http)
      var source = HTTPPageSource(
        client: client, account: account, clientType: configuration.clientType, description: description)
      return try await run(source: &source, preflight: preflight)
    }
  }

  /// Runs the job over any page source.
  public func run(source: inout some DevicePageSource) async throws -> RunOutcome {
    try await run(source: &source, preflight: RunPreflight(configuration, logger: logger))
  }

  private func run(source: inout some DevicePageSource, preflight: RunPreflight) async throws -> RunOutcome {
    var record = NightRecord(history: preflight.history, problem: preflight.historyProblem, logger: logger)
    record.recoverPendingRuns()
    let publisher = ReportPublisher(destination: configuration.output)
    let staging = try publisher.makeStaging()
    var recorder: PageRecorder?
    do {
      recorder = try configuration.savePages.map { url throws(CollectionError) in
        try PageRecorder(directory: url)
      }
      let night = try await collect(source: &source, staging: staging, recorder: recorder)
      try record.checkDrop(night, configuration: configuration)
      let planning = try plan(night)
      let prepared = try record.prepare(night, configuration: configuration)
      let folder = ReportFolder(url: staging)
      var report = try render(
        night, planning: planning, history: prepared?.report, problem: record.problem,
        templates: preflight.templates, into: folder)
      if let prepared,
        !record.commit(prepared, devices: try night.spool.devicesInIMEIOrder(), output: configuration.output)
      {
        logger.warning(
          "rendering again without the history sections", metadata: ["reason": "\(record.problem ?? "")"])
        try folder.removeAll(except: [night.spool.url.lastPathComponent])
        report = try render(
          night, planning: planning, history: nil, problem: record.problem, templates: preflight.templates,
          into: folder)
      }
      Failpoint.recorded.reach()
      report.info.historyRunId = record.runId
      try RunRecordRenderer().render(report, into: folder)
      try? FileManager.default.removeItem(at: night.spool.url)
      do {
        try publisher.publish(staging)
      } catch {
        record.rollBack()
        throw error
      }
      Failpoint.swapped.reach()
      record.markPublished()
      Failpoint.published.reach()
      var outcome = RunOutcome(
        info: report.info, summary: report.summary, diagnostics: report.diagnostics, delta: report.delta,
        trends: report.trends, output: configuration.output, files: folder.files.sorted(),
        historyRunId: record.runId)
      outcome.incompleteRecord = record.problem.map { ["history: \($0)"] } ?? []
      do {
        try recorder?.finish()
      } catch {
        logger.error("saved pages could not be kept", metadata: ["reason": "\(error.errorDescription ?? "")"])
        outcome.incompleteRecord.append("saved pages: \(error.errorDescription ?? "")")
      }
      logger.info(
        "published report",
        metadata: [
          "output": "\(configuration.output.path)", "devices": "\(outcome.summary.totals.devices)",
          "files": "\(outcome.files.count)",
        ])
      outcome.delivery = await deliver(from: configuration.output)
      return outcome
    } catch {
      publisher.discard(staging)
      recorder?.discard()
      throw error
    }
  }

  /// What collection gathered: the figures, the problems and the spooled devices.
  struct CollectedNight {
    var info: RunInfo
    var summary: FleetSummary
    var diagnostics: Diagnostics
    var spool: DeviceSpool
    var planning: PlanningData?
  }

  private func collect(source: inout some DevicePageSource, staging: URL, recorder: PageRecorder?)
    async throws
    -> CollectedNight
  {
    let clock = ContinuousClock()
    let started = clock.now
    let spool = try DeviceSpool(url: staging.appendingPathComponent(".devices.spool"))
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
      do {
        try check.accept(page)
      } catch {
        throw CollectionError.stopped(
          pages: info.pages, devices: info.records, lastCursor: check.cursor, reason: error)
      }
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
            seconds: (clock.now - started).seconds))
      }
      logger.debug(
        "page",
        metadata: [
          "page": "\(page.number)", "origin": "\(page.origin)", "records": "\(page.page.deviceList.count)",
        ])
      if info.pages == 1 { Failpoint.collecting.reach() }
    }
    try check.finish()
    info.account = check.account ?? info.account
    info.collectSeconds = (clock.now - started).seconds
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
    _ night: CollectedNight, planning: PlanningReport?, history: HistoryReport?, problem: String?,
    templates: ReportTemplates, into folder: ReportFolder
  ) throws -> FleetReport {
    let clock = ContinuousClock()
    let renderStarted = clock.now
    var report = FleetReport(
      info: night.info, summary: night.summary, diagnostics: night.diagnostics,
      devices: try night.spool.devicesInIMEIOrder())
    report.planning = planning
    report.delta = history?.delta
    report.trends = history?.trends
    report.historyEnabled = configuration.history != nil && history != nil
    report.historyProblem = problem
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
    report.info.renderSeconds = (clock.now - renderStarted).seconds
    return report
  }

  /// Plans every device against the firmware list, when planning is asked for.
  private func plan(_ night: CollectedNight) throws -> PlanningReport? {
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
    for device in try night.spool.devicesInIMEIOrder() { plan.add(device, plan: planner.plan(device)) }
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

  /// Sends the published summary, when a delivery is configured; a failure never touches the report.
  private func deliver(from folder: URL) async -> RunOutcome.DeliveryResult? {
    guard configuration.email != nil, let delivery = configuration.delivery else { return nil }
    do {
      let message = try SavedMessage(folder: folder)
      try await delivery.deliver(message.text, from: message.from, to: message.to)
      logger.info(
        "summary sent", metadata: ["via": "\(delivery.label)", "recipients": "\(message.to.count)"])
      return .sent(via: delivery.label)
    } catch {
      let reason = configuration.redactor.redact(error.errorDescription ?? "\(error)")
      logger.error("summary not sent", metadata: ["reason": "\(reason)"])
      return .failed(reason)
    }
  }
}

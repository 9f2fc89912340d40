import FOTAAggregate
import FOTAModel
import FOTANormalise
import FOTAPlan
import Foundation
import Logging
import ThingSpaceAPI

/// Collects a night: every page of a source, in order, through the sequence checks, the
/// normaliser, the planner and the aggregator, into the spool. Each device is normalised and
/// planned once, as it arrives; memory grows with the number of groups, not devices.
///
/// The planning data (firmware list, license pool) is fetched first, so that each device's plan
/// is known when the device is; it travels with the device in the spool.
public struct NightCollector {
  /// What the night is collected for.
  public struct Settings: Sendable {
    /// The account pages must belong to; the first page's when `nil`.
    public var account: String?
    /// Only devices of this client type.
    public var clientType: ClientType?
    /// The instant ages are measured against (milliseconds since 1970).
    public var asOf: Int64
    /// Upgrade planning, or `nil` for none.
    public var plan: PlanOptions?

    public init(account: String?, clientType: ClientType?, asOf: Int64, plan: PlanOptions?) {
      self.account = account
      self.clientType = clientType
      self.asOf = asOf
      self.plan = plan
    }
  }

  public let settings: Settings
  public let logger: Logger
  /// Called after every page.
  public var progress: (@Sendable (CollectionProgress) -> Void)?

  public init(settings: Settings, logger: Logger) {
    self.settings = settings
    self.logger = logger
  }

  /// Collects every page of `source` into `spool`, saving each page with `recorder`, and hands
  /// each counted device to `sink` for as long as the devices arrive in IMEI order.
  ///
  /// Pages are decoded and normalised on every core, up to the source's ``DevicePageSource/pagesAhead``
  /// at a time, while the steps that depend on order (the sequence checks, de-duplication,
  /// planning, aggregation, the spool, the sink) take them one by one in collection order.
  public func collect(
    from source: inout some DevicePageSource, into spool: DeviceSpool, sink: (any DeviceSink)? = nil,
    recorder: PageRecorder?
  )
    async throws -> CollectedNight
  {
    let clock = ContinuousClock()
    let started = clock.now
    var night = OrderedSteps(
      figures: RunFigures(
        account: settings.account ?? "", asOf: settings.asOf, source: source.sourceDescription,
        clientTypeFilter: settings.clientType?.rawValue),
      check: PageSequenceCheck(account: settings.account), aggregator: FleetAggregator(asOf: settings.asOf),
      spool: spool, sink: sink, recorder: recorder)
    logger.info("collecting", metadata: ["source": "\(night.figures.source)"])
    night.planning = try await fetchPlanningData(&source, recorder: recorder)
    let tools = PreparedPage.Tools(
      normaliser: DeviceNormaliser(asOf: settings.asOf), clientType: settings.clientType,
      planner: night.planning.planner, asOf: settings.asOf, formatters: sink?.formatters ?? [])
    let ahead = max(2, source.pagesAhead)

    try await withThrowingTaskGroup(of: PreparedPage.self) { group in
      var taken = 0
      var processed = 0
      var finished = false
      var failure: (any Error)?
      var waiting: [Int: PreparedPage] = [:]
      while true {
        while !finished, taken - processed < ahead {
          do {
            guard let page = try await source.nextPage() else {
              finished = true
              break
            }
            taken += 1
            let sequence = taken
            group.addTask { PreparedPage(page, sequence: sequence, tools: tools) }
          } catch {
            // Pages taken before the failure are processed first, as if one at a time.
            failure = error
            finished = true
          }
        }
        guard processed < taken else { break }
        guard let page = try await group.next() else { break }
        waiting[page.collected.number] = page
        while let page = waiting.removeValue(forKey: processed + 1) {
          try night.take(page)
          processed += 1
          if let progress {
            progress(
              CollectionProgress(
                pages: night.figures.pages, records: night.figures.records,
                retries: await source.statistics()?.totalRetries ?? 0, seconds: (clock.now - started).seconds)
            )
          }
          logger.debug(
            "page",
            metadata: [
              "page": "\(page.collected.number)", "origin": "\(page.collected.origin)",
              "records": "\(page.entries)",
            ])
        }
      }
      if let failure { throw night.stopped(failure) }
    }
    try night.check.finish(endingAfter: night.segment?.through)
    var figures = night.figures
    figures.account = night.check.account ?? figures.account
    figures.collectSeconds = (clock.now - started).seconds
    figures.http = await source.statistics()
    figures.collection = await source.layout()
    var planning = night.planning
    if !spool.isAscending { planning.plan?.sortCohorts() }
    let summary = night.aggregator.summary
    logger.info(
      "collected",
      metadata: [
        "pages": "\(figures.pages)", "devices": "\(summary.totals.devices)",
        "seconds": "\(String(format: "%.2f", figures.collectSeconds))",
      ])
    return CollectedNight(
      figures: figures, summary: summary, diagnostics: night.diagnostics, spool: spool,
      planning: planning.result(account: figures.account, asOf: settings.asOf, options: settings.plan),
      sinkFed: sink != nil && spool.isAscending)
  }

  /// The steps that take pages one by one, in collection order.
  private struct OrderedSteps {
    var figures: RunFigures
    var check: PageSequenceCheck
    /// The range of the last page taken, when the night is collected in ranges.
    var segment: PageSegment?
    var aggregator: FleetAggregator
    var diagnostics = Diagnostics()
    var planning = Planning(data: nil)
    let spool: DeviceSpool
    let sink: (any DeviceSink)?
    let recorder: PageRecorder?

    init(
      figures: RunFigures, check: PageSequenceCheck, aggregator: FleetAggregator, spool: DeviceSpool,
      sink: (any DeviceSink)?, recorder: PageRecorder?
    ) {
      self.figures = figures
      self.check = check
      self.aggregator = aggregator
      self.spool = spool
      self.sink = sink
      self.recorder = recorder
    }

    /// Checks, saves and counts the next page, and plans, spools and hands on its devices.
    mutating func take(_ page: PreparedPage) throws {
      do {
        if let segment = page.collected.segment, segment.range != self.segment?.range {
          // A new range of a night collected in ranges: the last one must have ended properly.
          if let ended = self.segment { try check.finish(endingAfter: ended.through) }
          check = PageSequenceCheck(account: check.account, startingAfter: segment.after)
        }
        segment = page.collected.segment
        try check.accept(
          try page.envelope.get(), entries: page.elements, number: page.collected.number,
          origin: page.collected.origin)
      } catch {
        throw stopped(error)
      }
      try recorder?.save(page.collected)
      figures.pages += 1
      figures.records += page.entries
      figures.skipped += page.skipped
      figures.filteredOut += page.filteredOut
      diagnostics.merge(page.diagnostics)
      let kept = aggregator.add(
        page.records, cells: page.cells, page: page.collected.number, diagnostics: &diagnostics)
      let batch = DeviceBatch(records: page.records, kept: kept, formatted: page.formatted)
      if planning.plan != nil {
        for record in batch.keptRecords {
          if let plan = record.plan { planning.plan?.add(record.device, plan: plan) }
        }
      }
      try spool.append(page.spooled, records: page.records, kept: kept)
      // Once the order breaks, the outputs are written from the sorted spool instead.
      if let sink, spool.isAscending { try sink.write(batch) }
    }

    /// The error that stops collection, with how far it got.
    func stopped(_ error: any Error) -> any Error {
      if case CollectionError.stopped = error { return error }
      guard let reason = error as? CollectionError else { return error }
      return CollectionError.stopped(
        pages: figures.pages, devices: figures.records, lastCursor: check.cursor, reason: reason)
    }
  }

  /// The planner and an empty plan, when planning is asked for; what is missing is logged.
  private func fetchPlanningData(_ source: inout some DevicePageSource, recorder: PageRecorder?) async throws
    -> Planning
  {
    guard let options = settings.plan else { return Planning(data: nil) }
    let data = await source.planningData()
    try recorder?.save(data)
    for line in data.missing { logger.warning("planning data missing", metadata: ["detail": "\(line)"]) }
    return Planning(data: data, campaignStatuses: options.campaignStatuses)
  }

  /// Planning while collecting: the planner, the fleet's plan so far, what is missing.
  fileprivate struct Planning {
    let data: PlanningData?
    let planner: UpgradePlanner?
    var plan: UpgradePlan?

    init(data: PlanningData?, campaignStatuses: CampaignStatuses = .default) {
      self.data = data
      planner = data?.firmware.map { UpgradePlanner(firmware: $0, campaignStatuses: campaignStatuses) }
      plan = planner == nil ? nil : UpgradePlan(licenses: data?.licenses, campaignStatuses: campaignStatuses)
    }

    func result(account: String, asOf: Int64, options: PlanOptions?) -> PlanningResult? {
      guard let options, let data else { return nil }
      let campaigns = CampaignPlanner(
        account: account, phases: options.phases, maxDevicesPerRequest: options.maxDevicesPerRequest,
        windowStart: options.windowStart ?? CivilCalendar.floorDays(milliseconds: asOf) + 1,
        windowDays: options.windowDays)
      return PlanningResult(
        campaigns: campaigns, plan: plan, paths: planner?.paths ?? [], missing: data.missing)
    }
  }
}

import FOTAModel
import FOTANightDevices
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
public struct NightCollector: Sendable {
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
  /// planning, aggregation, the spool, the sink) take them one by one in collection order. A
  /// source walked in ranges (``DevicePageSource/ranges()``) has each range collected as its
  /// pages arrive, the ranges after the first held on disk until the ones before are written.
  public func collect(
    from source: inout some DevicePageSource, into spool: DeviceSpool, sink: (any DeviceSink)? = nil,
    recorder: PageRecorder?
  )
    async throws -> CollectedNight
  {
    let clock = ContinuousClock()
    let started = clock.now
    let figures = RunFigures(
      account: settings.account ?? "", asOf: settings.asOf, source: source.sourceDescription,
      clientTypeFilter: settings.clientType?.rawValue)
    logger.info("collecting", metadata: ["source": "\(figures.source)"])
    var planning = try await fetchPlanningData(&source, recorder: recorder)
    var night = OrderedSteps(
      tally: PageTally(
        figures: figures, check: PageSequenceCheck(account: settings.account),
        aggregator: FleetAggregator(asOf: settings.asOf), plan: planning.plan),
      output: .night(spool: spool, sink: sink, recorder: recorder))
    let tools = PreparedPage.Tools(
      normaliser: DeviceNormaliser(asOf: settings.asOf), clientType: settings.clientType,
      planner: planning.planner, asOf: settings.asOf, formatters: sink?.formatters ?? [])
    let counter = PageCounter()
    let ranges: [RangeWalk]?
    do {
      ranges = try await source.ranges()
    } catch {
      throw night.stopped(error)
    }
    if let ranges {
      try await collect(
        ranges, into: &night, tools: tools, counter: counter, tables: planning.tables)
    } else {
      try await walk(&source, into: &night, tools: tools, counter: counter)
      try night.finish()
    }
    var tally = night.tally
    tally.figures.account = tally.check.account ?? tally.figures.account
    tally.figures.collectSeconds = (clock.now - started).seconds
    tally.figures.http = await source.statistics()
    tally.figures.collection = await source.layout()
    if !spool.isAscending { tally.plan?.sortCohorts() }
    let summary = tally.aggregator.summary
    logger.info(
      "collected",
      metadata: [
        "pages": "\(tally.figures.pages)", "devices": "\(summary.totals.devices)",
        "seconds": "\(String(format: "%.2f", tally.figures.collectSeconds))",
      ])
    planning.plan = tally.plan
    var diagnostics = tally.diagnostics
    if let campaigns = planning.campaigns, let plan = tally.plan {
      diagnostics.merge(campaigns.diagnostics)
      for deviceId in plan.devicesNotInAccount {
        diagnostics.record(
          .upgradeDeviceNotInAccount, field: "deviceList.deviceId", page: 0, deviceId: deviceId)
      }
    }
    return CollectedNight(
      figures: tally.figures, summary: summary, diagnostics: diagnostics, spool: spool,
      planning: planning.result(account: tally.figures.account, asOf: settings.asOf, options: settings.plan),
      sinkFed: sink != nil && spool.isAscending)
  }

  /// Walks `source` into `steps`: pages prepared on every core, up to the source's
  /// ``DevicePageSource/pagesAhead`` at once, taken in order. Stops early once `stop` says
  /// another range failed.
  private func walk(
    _ source: inout some DevicePageSource, into steps: inout OrderedSteps, tools: PreparedPage.Tools,
    counter: PageCounter, stop: RangeStop? = nil
  ) async throws {
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
            try stop?.check()
            try Task.checkCancellation()
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
          try steps.take(page)
          processed += 1
          if let progress {
            let total = counter.add(records: page.entries)
            progress(
              CollectionProgress(
                pages: total.pages, records: total.records,
                retries: await source.statistics()?.totalRetries ?? 0, seconds: total.seconds))
          }
          logger.debug(
            "page",
            metadata: [
              "page": "\(page.collected.number)", "origin": "\(page.collected.origin)",
              "records": "\(page.entries)",
            ])
        }
      }
      if let failure { throw steps.stopped(failure) }
    }
  }

  /// Collects every range at once: the first into the night's outputs, each other into a
  /// ``HeldRange``, appended to the night in IMEI order once all have ended. The first failure
  /// stops every range.
  private func collect(
    _ ranges: [RangeWalk], into night: inout OrderedSteps, tools: PreparedPage.Tools,
    counter: PageCounter, tables: PlanTables
  ) async throws {
    let stop = RangeStop()
    let empty = night.tally.emptied
    let keepsBodies: Bool
    if case .night(_, _, let recorder) = night.output {
      keepsBodies = recorder != nil
    } else {
      keepsBodies = false
    }
    try await withThrowingTaskGroup(of: (Int, PageTally, HeldRange.Contents).self) { group in
      for (offset, range) in ranges.enumerated().dropFirst() {
        group.addTask {
          do {
            let held = try HeldRange(url: range.heldFile, keepsBodies: keepsBodies)
            var source = range
            var steps = OrderedSteps(tally: empty, output: .held(held))
            try await walk(&source, into: &steps, tools: tools, counter: counter, stop: stop)
            try steps.finish()
            return (offset, steps.tally, try held.finish())
          } catch {
            stop.fail(error)
            throw error
          }
        }
      }
      do {
        if var first = ranges.first {
          try await walk(&first, into: &night, tools: tools, counter: counter, stop: stop)
          try night.finish()
        }
      } catch {
        stop.fail(error)
        throw stop.failure ?? error
      }
      var later = [(PageTally, HeldRange.Contents)?](repeating: nil, count: ranges.count)
      do {
        for try await (offset, tally, held) in group { later[offset] = (tally, held) }
      } catch {
        throw stop.failure ?? error
      }
      for case (let tally, let held)? in later { try night.append(tally, held: held, tables: tables) }
    }
  }

  /// The planner and an empty plan, when planning is asked for; what is missing is logged.
  private func fetchPlanningData(_ source: inout some DevicePageSource, recorder: PageRecorder?) async throws
    -> Planning
  {
    guard let options = settings.plan else { return Planning(data: nil) }
    let data = await source.planningData(campaigns: options.campaignOutcomes)
    // Before the first page: said like any collection that stopped, with nothing collected.
    if let failure = data.failure {
      throw CollectionError.stopped(pages: 0, devices: 0, lastCursor: "0", reason: failure)
    }
    try recorder?.save(data)
    for line in data.missing { logger.warning("planning data missing", metadata: ["detail": "\(line)"]) }
    return Planning(data: data, options: options)
  }

  /// Planning while collecting: the planner, the fleet's plan so far, what is missing.
  private struct Planning {
    let data: PlanningData?
    let planner: UpgradePlanner?
    var plan: UpgradePlan?

    /// Tonight's upgrade reports, read once, when collected.
    let campaigns: CampaignOutcomes?

    init(data: PlanningData?, options: PlanOptions? = nil) {
      self.data = data
      let options = options ?? PlanOptions()
      let campaigns = data?.upgradeReports.map { CampaignOutcomes(pages: $0.map(\.page)) }
      self.campaigns = campaigns
      planner = data?.firmware.map {
        UpgradePlanner(
          firmware: $0, campaignStatuses: options.campaignStatuses, campaigns: campaigns,
          failuresToHold: options.failuresToHold)
      }
      plan =
        planner == nil
        ? nil
        : UpgradePlan(
          licenses: data?.licenses, campaignStatuses: options.campaignStatuses, campaigns: campaigns)
    }

    /// The tables the devices' plans refer to.
    var tables: PlanTables {
      PlanTables(paths: planner?.paths ?? [], lastUpgrades: campaigns?.lastUpgrades ?? [])
    }

    func result(account: String, asOf: Int64, options: PlanOptions?) -> PlanningResult? {
      guard let options, let data else { return nil }
      let campaigns = CampaignPlanner(
        account: account, phases: options.phases, maxDevicesPerRequest: options.maxDevicesPerRequest,
        windowStart: options.windowStart ?? CivilCalendar.floorDays(milliseconds: asOf) + 1,
        windowDays: options.windowDays)
      return PlanningResult(
        campaigns: campaigns, plan: plan, tables: tables, missing: data.missing, outcomes: self.campaigns,
        options: options, hopStarts: planner?.hopStarts ?? [:])
    }
  }
}

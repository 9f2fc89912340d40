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

  /// Collects every page of `source` into `spool`, saving each page with `recorder`.
  public func collect(
    from source: inout some DevicePageSource, into spool: DeviceSpool, recorder: PageRecorder?
  )
    async throws -> CollectedNight
  {
    let clock = ContinuousClock()
    let started = clock.now
    var figures = RunFigures(
      account: settings.account ?? "", asOf: settings.asOf, source: source.sourceDescription,
      clientTypeFilter: settings.clientType?.rawValue)
    logger.info("collecting", metadata: ["source": "\(figures.source)"])
    var planning = try await fetchPlanningData(&source, recorder: recorder)
    let normaliser = DeviceNormaliser(asOf: settings.asOf)
    var aggregator = FleetAggregator(asOf: settings.asOf)
    var diagnostics = Diagnostics()
    var check = PageSequenceCheck(account: settings.account)

    while true {
      let next: CollectedPage?
      do {
        next = try await source.nextPage()
        if let next { try check.accept(next) }
      } catch {
        throw CollectionError.stopped(
          pages: figures.pages, devices: figures.records, lastCursor: check.cursor, reason: error)
      }
      guard let page = next else { break }
      try recorder?.save(page)
      figures.pages += 1
      figures.records += page.page.deviceList.count
      for entry in page.page.deviceList {
        guard let device = normaliser.normalise(entry, page: page.number, diagnostics: &diagnostics) else {
          figures.skipped += 1
          continue
        }
        if let filter = settings.clientType, !filter.matches(device.clientType) {
          figures.filteredOut += 1
          continue
        }
        guard aggregator.add(device, page: page.number, diagnostics: &diagnostics) else { continue }
        let plan = planning.planner?.plan(device)
        if let plan { planning.plan?.add(device, plan: plan) }
        try spool.append(device, plan: plan)
      }
      if let progress {
        progress(
          CollectionProgress(
            pages: figures.pages, records: figures.records,
            retries: await source.statistics()?.totalRetries ?? 0, seconds: (clock.now - started).seconds))
      }
      logger.debug(
        "page",
        metadata: [
          "page": "\(page.number)", "origin": "\(page.origin)", "records": "\(page.page.deviceList.count)",
        ])
    }
    try check.finish()
    figures.account = check.account ?? figures.account
    figures.collectSeconds = (clock.now - started).seconds
    figures.http = await source.statistics()
    if !spool.isAscending { planning.plan?.sortCohorts() }
    logger.info(
      "collected",
      metadata: [
        "pages": "\(figures.pages)", "devices": "\(aggregator.summary.totals.devices)",
        "seconds": "\(String(format: "%.2f", figures.collectSeconds))",
      ])
    return CollectedNight(
      figures: figures, summary: aggregator.summary, diagnostics: diagnostics, spool: spool,
      planning: planning.result(account: figures.account, asOf: settings.asOf, options: settings.plan))
  }

  /// The planner and an empty plan, when planning is asked for; what is missing is logged.
  private func fetchPlanningData(_ source: inout some DevicePageSource, recorder: PageRecorder?) async throws
    -> Planning
  {
    guard settings.plan != nil else { return Planning(data: nil) }
    let data = await source.planningData()
    try recorder?.save(data)
    for line in data.missing { logger.warning("planning data missing", metadata: ["detail": "\(line)"]) }
    return Planning(data: data)
  }

  /// Planning while collecting: the planner, the fleet's plan so far, what is missing.
  private struct Planning {
    let data: PlanningData?
    let planner: UpgradePlanner?
    var plan: UpgradePlan?

    init(data: PlanningData?) {
      self.data = data
      planner = data?.firmware.map(UpgradePlanner.init(firmware:))
      plan = planner == nil ? nil : UpgradePlan(licenses: data?.licenses)
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

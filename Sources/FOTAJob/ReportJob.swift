import FOTACollect
import FOTAHistory
import FOTAMail
import FOTAModel
import FOTANightDevices
import FOTAPublish
import FOTARender
import Foundation
import Logging

/// The nightly job, an orchestrator of stages in the order data flows: collect (normalise,
/// aggregate and plan each device as it arrives) → compare with the history → record (commit,
/// pending) → render, once → publish → mark published → deliver.
///
/// No stage calls back into the job. The report and the history never disagree for longer than
/// a killed run, which the next run mends (see ``NightRecord``).
public struct ReportJob: Sendable {
  public let configuration: RunConfiguration
  public let logger: Logger
  /// Extra outputs written after the registered ones (tests use this to inject failures).
  public var additionalOutputs: [any ReportOutput & Sendable] = []
  /// Called after every page.
  public var progress: (@Sendable (CollectionProgress) -> Void)?

  /// Creates a job.
  public init(configuration: RunConfiguration, logger: Logger) {
    self.configuration = configuration
    self.logger = logger
  }

  /// Runs the night: refused before starting, failed with nothing published, or published.
  public func run() async throws -> RunOutcome {
    var stages = StageClock()
    let preflight = try RunPreflight(configuration, logger: logger)
    var record = NightRecord(history: preflight.history, problem: preflight.historyProblem, logger: logger)
    record.recoverPendingRuns()
    let publisher = ReportPublisher(destination: configuration.output)
    let staging = try publisher.makeStaging()
    var recorder: PageRecorder?
    do {
      recorder = try configuration.savePages.map { url throws(CollectionError) in
        try PageRecorder(directory: url)
      }
      let folder = ReportFolder(url: staging)
      let composer = configuration.email.map {
        SummaryMailComposer(
          options: $0, templates: preflight.templates, date: Date(),
          location: "\(configuration.output.appendingPathComponent("report.html").path) on "
            + ProcessInfo.processInfo.hostName)
      }
      let attachment = composer?.planAttachment()
      let request = OutputRequest(
        folder: folder, formats: configuration.formats, templates: preflight.templates,
        asOf: configuration.asOf,
        planning: configuration.plan != nil, history: preflight.history != nil,
        xmlDevices: configuration.xmlDevices, xlsxDevices: configuration.xlsxDevices)
      let outputs = try ReportOutputs(request, extra: (attachment.map { [$0] } ?? []) + additionalOutputs)
      var layout: (RangePlan?, CollectionLayout)?
      if case .api(_, let account, _) = configuration.source {
        layout = record.layout(account: account, configuration: configuration)
      }
      let feed = record.feed(configuration: configuration)
      var night = try await collect(
        into: staging, ranges: layout?.0, sink: feed.map { DeviceSinks([outputs, $0]) } ?? outputs,
        recorder: recorder)
      if night.figures.collection == nil { night.figures.collection = layout?.1 }
      // The devices in IMEI order, made once for the night and read by every stage after this.
      let devices = try night.devices()
      stages.end("collect")
      try Task.checkCancellation()
      try record.checkDrop(night, configuration: configuration)
      let prepared = try record.prepare(night, devices: devices, feed: feed, configuration: configuration)
      stages.end("compare")
      try Task.checkCancellation()
      // Recorded as pending before anything is rendered: the report shows the history only when
      // the history holds the night, and is rendered once either way.
      let recorded = prepared.flatMap {
        record.commit($0, devices: devices, output: configuration.output) ? $0 : nil
      }
      try Task.checkCancellation()
      stages.end("record")
      let stage = NightRenderer(outputs: outputs, composer: composer, attachment: attachment)
      var rendered = try stage.render(
        night, devices: devices, history: recorded?.history, problem: record.problem, into: folder)
      stages.end("render")
      await Failpoint.recorded.reach()
      rendered.model.figures.historyRunId = record.runId
      try RunRecordFile().complete(rendered.model, into: folder)
      try? FileManager.default.removeItem(at: night.spool.url)
      // The last moment a stop publishes nothing; from the swap on, the night is kept.
      try Task.checkCancellation()
      try publisher.publish(staging)
      await Failpoint.swapped.reach()
      record.markPublished()
      await Failpoint.published.reach()
      stages.end("publish")
      var outcome = RunOutcome(
        model: rendered.model, output: configuration.output, files: folder.files.sorted())
      outcome.historyRunId = record.runId
      outcome.historyComparison = record.runId == nil ? nil : prepared?.comparison
      outcome.incompleteRecord = record.problem.map { ["history: \($0)"] } ?? []
      do {
        try recorder?.finish()
      } catch {
        logger.error("saved pages could not be kept", metadata: ["reason": "\(ErrorText.describe(error))"])
        outcome.incompleteRecord.append("saved pages: \(ErrorText.describe(error))")
      }
      logger.info(
        "published report",
        metadata: ["output": "\(configuration.output.path)", "devices": "\(outcome.summary.totals.devices)"])
      outcome.delivery = await deliver(rendered.message)
      stages.end("deliver")
      outcome.stageSeconds = stages.stages
      return outcome
    } catch {
      // Nothing was published: a night recorded as pending is rolled back, the folders go.
      record.rollBack()
      publisher.discard(staging)
      recorder?.discard()
      throw error
    }
  }

  /// Collect: every page through the checks, the normaliser, the planner and the aggregator.
  private func collect(
    into staging: URL, ranges: RangePlan?, sink: any DeviceSink, recorder: PageRecorder?
  ) async throws -> CollectedNight {
    var collector = NightCollector(
      settings: .init(
        account: configuration.account, clientType: configuration.clientType, asOf: configuration.asOf,
        plan: configuration.plan), logger: logger)
    let progress = self.progress
    collector.progress = { figures in
      if figures.pages == 1 { Failpoint.collecting.reachWithoutWaiting() }
      progress?(figures)
    }
    let spool = try DeviceSpool(url: staging.appendingPathComponent(".devices.spool"))
    return try await configuration.source.open(
      clientType: configuration.clientType, retryPolicy: configuration.retryPolicy,
      redactor: configuration.redactor, logger: logger, ranges: ranges,
      scratch: staging.appendingPathComponent(".ranges"), sharedLogins: configuration.sharedLogins
    ) { source in try await collector.collect(from: &source, into: spool, sink: sink, recorder: recorder) }
  }
}

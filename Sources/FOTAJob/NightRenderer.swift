import FOTACollect
import FOTAMail
import FOTAModel
import FOTANightDevices
import FOTAPlan
import FOTARender

/// Render: every file of the night but `run.json`, and the e-mail's `summary.eml`, once.
struct NightRenderer {
  let outputs: ReportOutputs
  let composer: SummaryMailComposer?
  let attachment: PlanAttachmentWriter?

  /// Renders the night from `devices` (its devices in IMEI order), with the history's sections
  /// when `history` is given; the per-device files the collector fed in order are completed,
  /// not written again.
  func render(
    _ night: CollectedNight, devices: SpooledDevices, history: NightHistory?, problem: String?,
    into folder: ReportFolder
  ) throws -> (model: ReportModel, message: MIMEMessage?) {
    let started = ContinuousClock.now
    var model = ReportModel(
      figures: night.figures, summary: night.summary, diagnostics: night.diagnostics, devices: devices)
    model.planning = night.planning
    model.delta = history?.delta
    model.trends = history?.trends
    model.campaigns = night.planning.flatMap {
      CampaignReview(planning: $0, asOf: night.figures.asOf, before: history?.upgradesBefore)
    }
    model.historyEnabled = history != nil
    model.historyProblem = problem
    try outputs.complete(model, fedWhileCollecting: night.sinkFed)
    let message = try composer?.compose(model, planAttachment: attachment, into: folder)
    model.figures.renderSeconds = (ContinuousClock.now - started).seconds
    return (model, message)
  }
}

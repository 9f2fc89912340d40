import FOTACollect
import FOTAHistory
import FOTAModel
import FOTANightDevices
import FOTAPlan
import FOTAPublish
import FOTARender
import Foundation
import Logging
import ThingSpaceAPI

/// The history's part in one night, in the order the job needs it: mend what a killed run left
/// pending, guard against a vanishing fleet, prepare, commit as pending, then mark published (or
/// roll back when publishing fails).
///
/// A history that cannot be read or written does not cost the night: the first failure becomes
/// ``problem``, the history is left as it was, and the rest of the night goes on without it (the
/// command then exits 4). Only refusals (an older night, a vanished fleet) stop the run.
struct NightRecord {
  private(set) var history: HistoryStore?
  /// Why the history is not part of tonight's report.
  private(set) var problem: String?
  /// Tonight's run in the history, once committed.
  private(set) var runId: Int64?
  let logger: Logger

  init(history: HistoryStore?, problem: String?, logger: Logger) {
    self.history = history
    self.problem = problem
    self.logger = logger
    if let problem { logger.error("history not used tonight", metadata: ["reason": "\(problem)"]) }
  }

  /// Completes the pending runs whose report was published (its `run.json` names the run) and
  /// rolls back the others.
  mutating func recoverPendingRuns() {
    guard let history else { return }
    do {
      for run in try history.pendingRuns() {
        if Self.publishedRunId(in: URL(fileURLWithPath: run.output)) == run.id {
          try history.markPublished(run.id)
          logger.notice("completed a night a killed run had published", metadata: ["night": "\(run.night)"])
        } else {
          try history.rollBack(run.id)
          logger.notice(
            "rolled back a night a killed run never published", metadata: ["night": "\(run.night)"])
        }
      }
    } catch {
      fail(error)
    }
  }

  /// The history run a published report folder belongs to.
  static func publishedRunId(in folder: URL) -> Int64? {
    ReportIdentity.read(folder)?.historyRunId
  }

  /// How to walk tonight's live device list: in ranges split at last night's IMEIs when
  /// `--parallel` asks for more than one and the history has a last night; else sequentially,
  /// saying why.
  mutating func layout(account: String, configuration: RunConfiguration) -> (RangePlan?, CollectionLayout) {
    let sequential = { (reason: String) in
      (
        RangePlan?.none,
        CollectionLayout(parallel: configuration.parallel, mode: "sequential", reason: reason)
      )
    }
    guard configuration.parallel > 1 else { return sequential("--parallel 1") }
    guard let history else { return sequential("no history to split the IMEI range with") }
    do {
      let candidates = try history.splitCandidates(
        account: account, clientTypeFilter: configuration.clientType?.rawValue, ranges: configuration.parallel
      )
      guard !candidates.isEmpty else {
        return sequential("no earlier night of this account with at least 2,000 devices to split at")
      }
      return (
        RangePlan(candidates: candidates, parallel: configuration.parallel),
        CollectionLayout(parallel: configuration.parallel, mode: "parallel")
      )
    } catch {
      fail(error)
      return sequential("the history could not be read")
    }
  }

  /// A sink comparing tonight with the last recorded night while collecting, when the account is
  /// known before the first page and that night has a device index; `nil` otherwise (the night
  /// is then compared from the spool).
  mutating func feed(configuration: RunConfiguration) -> HistoryFeed? {
    guard let history, let account = configuration.account ?? configuration.source.account else { return nil }
    do {
      return try history.feed(account: account, clientTypeFilter: configuration.clientType?.rawValue)
    } catch {
      fail(error)
      return nil
    }
  }

  /// Refuses a night whose fleet fell by more than half since the last recorded night.
  mutating func checkDrop(_ night: CollectedNight, configuration: RunConfiguration) throws(JobError) {
    guard let history, !configuration.allowDrop else { return }
    do {
      guard
        let last = try history.lastPublishedRun(
          account: night.figures.account, clientTypeFilter: configuration.clientType?.rawValue)
      else { return }
      let tonight = night.summary.totals.devices
      if tonight * 2 < last.devices {
        throw JobError.fleetDropped(
          account: night.figures.account, previousNight: last.night, previous: last.devices, tonight: tonight)
      }
    } catch let error as JobError {
      throw error
    } catch {
      fail(error)
    }
  }

  /// Compares tonight with the history; `nil` without history. An older night than the latest
  /// recorded one is refused.
  mutating func prepare(
    _ night: CollectedNight, devices: SpooledDevices, feed: HistoryFeed?, configuration: RunConfiguration
  ) throws(HistoryError) -> PreparedNight? {
    guard let history else { return nil }
    let clock = ContinuousClock()
    let started = clock.now
    do {
      let prepared = try history.prepare(
        account: night.figures.account, clientTypeFilter: configuration.clientType?.rawValue,
        asOf: configuration.asOf, summary: night.summary, devices: devices,
        dataProblems: night.diagnostics.totalCount,
        upgrades: night.planning?.outcomes?.totals,
        feed: night.sinkFed ? feed : nil, trendNights: configuration.trendNights,
        targetPercent: configuration.targetSharePercent)
      logger.info(
        "history compared",
        metadata: [
          "changes": "\(prepared.history.delta.changes.count)",
          "comparison": "\(prepared.comparison.rawValue)",
          "seconds": "\(Figures.seconds((clock.now - started).seconds))",
        ])
      return prepared
    } catch {
      if case .notLatestNight = error { throw error }
      fail(error)
    }
    return nil
  }

  /// Records the prepared night as pending; false (with ``problem`` set) when it could not be.
  mutating func commit(_ prepared: PreparedNight, devices: SpooledDevices, output: URL) -> Bool {
    guard let history else { return false }
    let clock = ContinuousClock()
    let started = clock.now
    do {
      runId = try history.commit(prepared, devices: devices, output: output.standardizedFileURL.path) {
        Failpoint.committing.reachWithoutWaiting()
        // The connection to a shared history drops with everything written but not committed.
        if Failpoint.committing.dropsHistory { history.close() }
      }
      logger.info(
        "history recorded",
        metadata: [
          "path": "\(history.path)", "seconds": "\(Figures.seconds((clock.now - started).seconds))",
        ])
      return true
    } catch {
      fail(error)
      return false
    }
  }

  /// Marks tonight published, now that its report is in place.
  mutating func markPublished() {
    guard let history, let runId else { return }
    do {
      try history.markPublished(runId)
    } catch {
      fail(error)
      problem = (problem ?? "") + " (tonight's night stays pending; the next run completes it)"
    }
  }

  /// Undoes tonight's pending night after its report failed to publish.
  mutating func rollBack() {
    guard let history, let runId else { return }
    do {
      try history.rollBack(runId)
    } catch {
      logger.error("tonight's pending night could not be rolled back; the next run does it")
    }
    self.runId = nil
  }

  private mutating func fail(_ error: any Error) {
    let reason = ErrorText.describe(error)
    logger.error("history not used tonight", metadata: ["reason": "\(reason)"])
    problem = reason
    history = nil
  }
}

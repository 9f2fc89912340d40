import FOTACollect
import FOTAJob
import FOTAModel
import FOTAPublish
import Foundation
import Logging
import Synchronization
import ThingSpaceAPI

/// One account's night as the command runs it: the job under a watch, what went wrong said on
/// standard error in one line each, the metrics file written, and the exit code worked out.
/// `run` makes one; a run of many accounts makes one per account.
struct AccountNight: Sendable {
  let configuration: RunConfiguration
  /// The metrics file, if any.
  let metricsFile: String?
  let logger: Logger
  /// Progress on a terminal; `nil` when several nights share one.
  let reporter: ProgressReporter?
  /// Put before each line on standard error, when several nights share it.
  var label: String?

  /// How the night ended.
  struct Result: Sendable {
    /// The night's exit code.
    var status: Int32
    /// What it published, if it did.
    var outcome: RunOutcome?
    /// The first line said about why it did not publish, if it did not.
    var reason: String?
  }

  /// Lines written to the metrics file one night at a time, so that nights running at once each
  /// keep the others' lines.
  private static let metricsLock = NSLock()

  /// Runs the job through `watch`, which bounds it (signals, deadline), and ends it as `run` does.
  func run(stop: NightStop, watch: @Sendable (ReportJob) async throws -> RunOutcome) async -> Result {
    var job = ReportJob(configuration: configuration, logger: logger)
    let reporter = self.reporter
    job.progress = {
      reporter?.report($0)
      stop.progress($0)
    }
    let started = Date()
    var result: Result
    do {
      let published = try await watch(job)
      reporter?.finish()
      result = Result(status: finished(published, stop: stop), outcome: published)
    } catch {
      reporter?.finish()
      if stop.cause != nil {
        result = Result(status: stopped(stop, published: false))
      } else {
        let line = ErrorText.describe(error)
        say(line)
        result = Result(status: ExitStatus.of(error))
      }
      result.reason = result.reason ?? said.first
    }
    writeMetrics(result, started: started)
    return result
  }

  /// Says what a published night left undone, and gives its exit code.
  private func finished(_ outcome: RunOutcome, stop: NightStop) -> Int32 {
    if stop.cause != nil { return stopped(stop, published: true) }
    logger.info(
      "done",
      metadata: [
        "account": "\(outcome.figures.account)", "devices": "\(outcome.summary.totals.devices)",
        "fotaCapable": "\(outcome.summary.totals.ready)", "output": "\(outcome.output.path)",
      ])
    let status = ExitStatus.of(outcome)
    if status == ExitStatus.recordIncomplete {
      for problem in outcome.incompleteRecord { say("the report was published, but \(problem)") }
    }
    if case .failed(let reason) = outcome.delivery { say(reason) }
    return status
  }

  /// Says why and where a stopped night ended, in the log and on standard error, and gives its
  /// exit code.
  private func stopped(_ stop: NightStop, published: Bool) -> Int32 {
    let message = stop.message(published: published)
    logger.error("\(message)")
    say(message)
    return stop.exitCode
  }

  private let said = Said()

  /// One line on standard error, scrubbed of secrets, after the night's label if it has one.
  private func say(_ message: String) {
    let line = label.map { "\($0): \(message)" } ?? message
    said.record(message)
    FailureReport.print(message: line, redactor: configuration.redactor)
  }

  private func writeMetrics(_ result: Result, started: Date) {
    guard let metricsFile else { return }
    let account =
      result.outcome?.figures.account ?? configuration.account ?? configuration.source.account ?? ""
    var metrics = NightMetrics(
      account: account, clientType: configuration.clientType?.rawValue,
      started: started.timeIntervalSince1970, runSeconds: Date().timeIntervalSince(started),
      exitCode: result.status)
    if let outcome = result.outcome {
      metrics.stageSeconds = outcome.stageSeconds
      metrics.http = outcome.figures.http
      metrics.fleet = NightMetrics.Fleet(
        devices: outcome.summary.totals.devices, fotaCapable: outcome.summary.totals.ready,
        readyToUpgrade: outcome.readyToUpgrade, dataProblems: outcome.diagnostics.totalCount,
        changedDevices: outcome.delta?.changedDevices)
    }
    Self.metricsLock.lock()
    defer { Self.metricsLock.unlock() }
    do {
      try metrics.write(to: URL(fileURLWithPath: metricsFile))
    } catch {
      logger.error("metrics not written", metadata: ["reason": "\(ErrorText.describe(error))"])
      say(ErrorText.describe(error))
    }
  }

  /// The lines a night said, for its summary line.
  private final class Said: Sendable {
    private let lines = Mutex<[String]>([])
    func record(_ line: String) { lines.withLock { $0.append(line) } }
    var first: String? { lines.withLock { $0.first } }
  }
}

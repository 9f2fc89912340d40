import FOTACollect
import FOTAHistory
import FOTAModel
import FOTAPublish
import FOTARender
import Foundation
import Logging
import ThingSpaceAPI

/// What a run checks and takes before its first request, so that nothing it could have known is
/// found out after collecting: the templates load; `--out` is the job's to replace; the history
/// and saved pages are not inside it; every folder can be written; the report folder, the
/// history and the saved-pages folder are locked for this run; what killed runs left beside them
/// is removed; the history opens (when it does not, the night goes on without it).
struct RunPreflight {
  let templates: ReportTemplates
  /// Held for the length of the run; released when this value goes.
  let locks: [RunLock]
  /// The history, when kept and usable.
  let history: HistoryStore?
  /// Why a history that was asked for cannot be used tonight.
  let historyProblem: String?

  init(_ configuration: RunConfiguration, logger: Logger) throws(JobError) {
    do {
      templates = try ReportTemplates(directory: configuration.templates)
    } catch {
      throw .refused(ErrorText.describe(error))
    }
    let publisher = ReportPublisher(destination: configuration.output)
    try Self.refusing { () throws(PublishError) in try publisher.checkDestination() }
    try Self.checkOverlaps(configuration)
    if let pages = configuration.savePages {
      try Self.refusing { () throws(CollectionError) in try PageRecorder.check(pages) }
      try Self.refusing { () throws(PublishError) in
        try ReportPublisher.checkWritable(pages.deletingLastPathComponent(), for: pages)
      }
    }
    if let history = configuration.history {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: history.path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        throw .refused("--history \(history.path) is a folder; give the path of the SQLite file")
      }
      try Self.refusing { () throws(PublishError) in
        try ReportPublisher.checkWritable(history.deletingLastPathComponent(), for: history)
      }
    }

    var locks = [try Self.lock(configuration.output, "writing the report folder")]
    if let history = configuration.history { locks.append(try Self.lock(history, "recording the history")) }
    if let pages = configuration.savePages { locks.append(try Self.lock(pages, "saving pages")) }
    self.locks = locks

    for name in publisher.removeLeftovers() {
      logger.notice("removed what a killed run left", metadata: ["path": "\(name)"])
    }
    if let pages = configuration.savePages { PageRecorder.removeLeftovers(beside: pages) }

    guard let location = configuration.historyLocation else {
      history = nil
      historyProblem = nil
      return
    }
    var opened: HistoryStore?
    do {
      opened = try HistoryStore.open(
        location, busyTimeout: configuration.historyBusyTimeout, applicationName: configuration.runName,
        logger: logger)
      try opened?.lockRun(
        account: configuration.account ?? configuration.source.account ?? "",
        clientTypeFilter: configuration.clientType?.rawValue)
      history = opened
      historyProblem = nil
    } catch {
      opened?.close()
      // Another run of the account records into the shared history: this one must not start.
      if case .locked = error { throw .busy(ErrorText.describe(error)) }
      history = nil
      historyProblem = ErrorText.describe(error)
    }
  }

  private static func lock(_ target: URL, _ purpose: String) throws(JobError) -> RunLock {
    do {
      return try RunLock.acquire(target, purpose: purpose)
    } catch {
      if case .busy = error { throw .busy(ErrorText.describe(error)) }
      throw .refused(ErrorText.describe(error))
    }
  }

  /// Runs a check whose failure means the run must not start.
  private static func refusing<Failure: LocalizedError>(_ check: () throws(Failure) -> Void) throws(JobError)
  {
    do {
      try check()
    } catch {
      throw .refused(ErrorText.describe(error))
    }
  }

  /// The history and saved pages must not sit inside the report folder, which each run replaces,
  /// nor the report folder inside the saved pages.
  private static func checkOverlaps(_ configuration: RunConfiguration) throws(JobError) {
    let output = PathComponents(configuration.output)
    if let history = configuration.history, PathComponents(history).isInside(output) {
      throw .refused(
        "--history \(history.path) is inside --out \(configuration.output.path), which every run replaces; "
          + "keep the history beside the report folder")
    }
    if let pages = configuration.savePages {
      let saved = PathComponents(pages)
      if saved.isInside(output) {
        throw .refused(
          "--save-pages \(pages.path) is inside --out \(configuration.output.path), which every run replaces; "
            + "keep saved pages beside the report folder")
      }
      if output.isInside(saved) {
        throw .refused("--out \(configuration.output.path) is inside --save-pages \(pages.path)")
      }
      if let history = configuration.history, PathComponents(history).isInside(saved) {
        throw .refused("--history \(history.path) is inside --save-pages \(pages.path)")
      }
    }
  }
}

import Foundation

/// Why a report folder could not be staged or published, or may not be used at all.
public enum PublishError: Error, Equatable, LocalizedError {
  case cannotStage(path: String, reason: String)
  case cannotPublish(path: String, reason: String)
  /// `--out` names something the job must not replace.
  case notAReportFolder(path: String, reason: String)
  /// Another run holds the path.
  case busy(path: String, holder: String)
  case cannotLock(path: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .cannotStage(let path, let reason): "cannot prepare a report folder beside \(path): \(reason)"
    case .cannotPublish(let path, let reason): "cannot publish the report to \(path): \(reason)"
    case .notAReportFolder(let path, let reason):
      "refusing --out \(path): \(reason); the job replaces only an empty folder or an earlier report "
        + "of fota-report (one holding its run.json), so give a new folder"
    case .busy(let path, let holder):
      "\(path) is in use by another run (\(holder)); try again when it has finished"
    case .cannotLock(let path, let reason): "cannot lock \(path) for this run: \(reason)"
    }
  }
}

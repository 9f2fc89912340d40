import Foundation

/// Why a report folder could not be staged or published.
public enum PublishError: Error, Equatable, LocalizedError {
  case cannotStage(path: String, reason: String)
  case cannotPublish(path: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .cannotStage(let path, let reason): "cannot prepare a report folder beside \(path): \(reason)"
    case .cannotPublish(let path, let reason): "cannot publish the report to \(path): \(reason)"
    }
  }
}

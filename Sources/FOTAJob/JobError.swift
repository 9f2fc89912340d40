import FOTAModel
import FOTARender
import Foundation

/// Why the job refused to start, or refused a night it collected; per-stage failures have their
/// own errors (collection, rendering, publishing).
public enum JobError: Error, Equatable, LocalizedError {
  /// A check before the first request failed: a path the job must not or cannot use.
  case refused(String)
  /// Another run holds the report folder, the history or the saved-pages folder.
  case busy(String)
  /// The fleet shrank by more than half since the last recorded night.
  case fleetDropped(account: String, previousNight: String, previous: Int, tonight: Int)

  public var errorDescription: String? {
    switch self {
    case .refused(let reason): reason
    case .busy(let reason): reason
    case .fleetDropped(let account, let night, let previous, let tonight):
      "refusing tonight's \(Figures.grouped(tonight)) devices for account \(MessageText.quoted(account)): fewer than "
        + "half of the \(Figures.grouped(previous)) of the last recorded night (\(night)); nothing was published "
        + "and the history is unchanged. If the fleet really shrank, run again with --allow-drop"
    }
  }
}

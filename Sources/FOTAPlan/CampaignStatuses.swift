import FOTAModel
import Foundation

/// The provisioning statuses a device may have to be put in a campaign (`--campaign-statuses`):
/// compared case-insensitively; a device without a status counts as active.
public struct CampaignStatuses: Sendable, Equatable {
  /// The statuses, lowercased.
  public let allowed: Set<String>

  /// Only active devices: ThingSpace's `Active`.
  public static let `default` = CampaignStatuses(["Active"])

  /// Allows `statuses`.
  public init(_ statuses: some Sequence<String>) {
    allowed = Set(
      statuses.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
  }

  /// Whether a device whose status is `status` may be scheduled.
  public func admit(_ status: String) -> Bool {
    let trimmed = status.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty || allowed.contains(trimmed.lowercased())
  }
}

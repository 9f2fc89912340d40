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

  /// Whether a device whose status is `status` may be scheduled. Runs for every device: ASCII
  /// statuses are compared byte by byte, without making a string; others go the long way.
  public func admit(_ status: String) -> Bool {
    var status = status
    return status.withUTF8 { bytes in
      var start = bytes.startIndex
      var end = bytes.endIndex
      while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
      while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
      guard start < end else { return true }
      let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
      guard word.allSatisfy({ $0 < 0x80 }) else {
        return allowed.contains(String(decoding: word, as: UTF8.self).lowercased())
      }
      return allowed.contains { candidate in
        candidate.utf8.count == word.count
          && zip(candidate.utf8, word).allSatisfy { $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) }
      }
    }
  }
}

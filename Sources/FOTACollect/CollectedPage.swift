import Foundation
import ThingSpaceAPI

/// One device-list page as received: its bytes, kept for `--save-pages`, and its decoded form.
public struct CollectedPage: Sendable {
  /// 1-based position in the night's collection.
  public var number: Int
  /// Where it came from: a file name, or the request's `startIndex`.
  public var origin: String
  /// The response body, byte for byte.
  public var body: Data
  /// The body, decoded leniently.
  public var page: DeviceListPage

  /// Creates a page.
  public init(number: Int, origin: String, body: Data, page: DeviceListPage) {
    self.number = number
    self.origin = origin
    self.body = body
    self.page = page
  }
}

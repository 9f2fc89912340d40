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
  /// The body, decoded leniently; `nil` when the source left decoding to the collector, which
  /// decodes pages on every core while keeping their order.
  public var page: DeviceListPage?
  /// The page's range, when the night is collected in ranges (`--parallel`).
  public var segment: PageSegment?

  /// Creates a page.
  public init(
    number: Int, origin: String, body: Data, page: DeviceListPage? = nil, segment: PageSegment? = nil
  ) {
    self.number = number
    self.origin = origin
    self.body = body
    self.page = page
    self.segment = segment
  }

  /// The decoded page: the source's, or decoded now.
  public func decoded() throws(CollectionError) -> DeviceListPage {
    if let page { return page }
    return try PageDecoder.decode(body, origin: origin)
  }
}

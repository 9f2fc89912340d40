import FOTAFleet
import Foundation
import ThingSpaceAPI

/// Serves the synthetic fleet's pages in-process, exactly as the API would.
public struct SyntheticFleetSource: DevicePageSource {
  public let fleet: SyntheticFleet
  private var pages: FleetPages.Iterator

  /// Creates a source over `fleet`, filtered as the API's `clientType` parameter filters.
  public init(fleet: SyntheticFleet, clientType: ClientType?) {
    self.fleet = fleet
    pages = fleet.pages(clientType: clientType).makeIterator()
  }

  public var sourceDescription: String {
    "demo fleet (seed \(fleet.seed), \(fleet.deviceCount) records)"
  }

  public mutating func nextPage() async throws(CollectionError) -> CollectedPage? {
    guard let page = pages.next() else { return nil }
    let body = Data(page.body.utf8)
    let origin = "demo page \(page.number)"
    return CollectedPage(
      number: page.number, origin: origin, body: body,
      page: try PageDecoder.decode(body, origin: origin))
  }
}

import FOTAModel
import Foundation
import ThingSpaceAPI

/// Collects an account's device list from ThingSpace, page by page, following the keyset cursor.
///
/// Starts at `startIndex` 0 and follows `lastSeenDeviceId` while `hasMoreData` is true.
public struct HTTPPageSource: DevicePageSource, Sendable {
  public let client: ThingSpaceClient
  public let account: String
  public let clientType: ClientType?
  private var cursor = "0"
  private var number = 0
  private var finished = false
  public let sourceDescription: String

  /// Creates a source for `account`, optionally filtered by client type.
  public init(
    client: ThingSpaceClient, account: String, clientType: ClientType?, description: String? = nil
  ) {
    self.client = client
    self.account = account
    self.clientType = clientType
    self.sourceDescription =
      description ?? "ThingSpace API at \(client.baseURL.host ?? client.baseURL.absoluteString)"
  }

  public var position: String { cursor }

  public func statistics() async -> HTTPFigures? {
    await client.statistics
  }

  public mutating func planningData(campaigns: Bool) async -> PlanningData {
    await client.planningData(account: account, campaigns: campaigns)
  }

  /// The next page. A page whose cursor does not move forward, or that is empty while saying
  /// there is more, is the last one asked for: the collector's ``PageSequenceCheck`` then refuses
  /// it, so a stalled cursor stops the run instead of looping, even while pages are fetched ahead.
  public mutating func nextPage() async throws(CollectionError) -> CollectedPage? {
    guard !finished else { return nil }
    let startIndex = cursor
    let (body, page) = try await client.devicePage(
      account: account, startIndex: startIndex, clientType: clientType)
    number += 1
    if let next = page.nextStartIndex(after: startIndex) {
      cursor = next
    } else {
      finished = true
    }
    return CollectedPage(number: number, origin: "startIndex \(startIndex)", body: body, page: page)
  }
}

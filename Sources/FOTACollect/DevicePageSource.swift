import FOTAModel

/// Where device-list pages come from: saved files, the synthetic fleet, or the live API.
///
/// Every source hands pages over in collection order, one at a time, as they arrive.
public protocol DevicePageSource {
  /// One line saying what is being collected, for logs and the report's completeness block.
  var sourceDescription: String { get }

  /// Where the source has got to (the next cursor, the next file), for failure messages.
  var position: String { get }

  /// The next page, or `nil` after the last one.
  mutating func nextPage() async throws(CollectionError) -> CollectedPage?

  /// HTTP figures, for sources that make requests.
  func statistics() async -> HTTPFigures?

  /// The firmware list and license pool for planning; what cannot be had is said, not thrown.
  mutating func planningData() async -> PlanningData
}

extension DevicePageSource {
  /// Sources that make no requests have no statistics.
  public func statistics() async -> HTTPFigures? { nil }

  /// Sources without planning data say so.
  public mutating func planningData() async -> PlanningData {
    PlanningData(missing: ["\(sourceDescription) has no firmware list or license pool"])
  }
}

import FOTAModel
import Foundation

/// Where device-list pages come from: saved files, the synthetic fleet, or the live API.
///
/// Every source hands pages over in collection order, one at a time, as they arrive.
public protocol DevicePageSource {
  /// One line saying what is being collected, for logs and the report's completeness block.
  var sourceDescription: String { get }

  /// Where the source has got to (the next cursor, the next file), for failure messages.
  var position: String { get }

  /// How many pages the collector may take before it has processed the earlier ones (at least
  /// 2, so that getting the next page overlaps the work on this one).
  var pagesAhead: Int { get }

  /// The next page, or `nil` after the last one.
  mutating func nextPage() async throws(CollectionError) -> CollectedPage?

  /// HTTP figures, for sources that make requests.
  func statistics() async -> HTTPFigures?

  /// How the pages were walked, for sources that walk in ranges.
  func layout() async -> CollectionLayout?

  /// The firmware list and license pool for planning, and with `campaigns` the upgrade reports;
  /// what cannot be had is said, not thrown.
  mutating func planningData(campaigns: Bool) async -> PlanningData

  /// For a source walked in ranges at once: its ranges, started, in IMEI order, each a source of
  /// its own whose pages the collector takes as they arrive; `nil` for a source walked in one go.
  /// Asked once, before the first page.
  mutating func ranges() async throws(CollectionError) -> [RangeWalk]?
}

extension DevicePageSource {
  /// One page ahead: the next request overlaps the work on the current page.
  public var pagesAhead: Int { 2 }

  /// Sources that make no requests have no statistics.
  public func statistics() async -> HTTPFigures? { nil }

  /// Sources walked in one go say nothing of ranges.
  public func layout() async -> CollectionLayout? { nil }

  /// Sources are walked in one go unless they say otherwise.
  public mutating func ranges() async throws(CollectionError) -> [RangeWalk]? { nil }

  /// Sources without planning data say so.
  public mutating func planningData(campaigns: Bool) async -> PlanningData {
    PlanningData(missing: ["\(sourceDescription) has no firmware list or license pool"])
  }
}

/// Shared settings of the sources.
public enum DevicePageSourceDefaults {
  /// Pages ahead for sources whose pages cost nothing to get: two per core, so that every core
  /// has a page to decode while the collector processes another in order.
  public static var pagesAheadOnEveryCore: Int {
    max(2, 2 * ProcessInfo.processInfo.activeProcessorCount)
  }
}

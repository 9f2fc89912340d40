import FOTAFleet
import Foundation
import ThingSpaceAPI

/// The built-in synthetic fleet read in process, page by page, exactly as the API would serve
/// it (keyset order, the `clientType` filter, 1,000 devices a page): the demo's source. No HTTP,
/// no server; the simulator serves the same pages over HTTP for anyone trying the live path.
public struct FleetPageSource: DevicePageSource {
  public let fleet: SyntheticFleet
  /// Which night of the fleet: 0 is the first.
  public let night: Int
  public let clientType: ClientType?
  private var cursor = "0"
  private var number = 0
  private var finished = false

  /// Creates a source for `fleet` as it looks `night` nights on.
  public init(fleet: SyntheticFleet, night: Int = 0, clientType: ClientType? = nil) {
    self.fleet = fleet
    self.night = night
    self.clientType = clientType
  }

  public var sourceDescription: String {
    "demo fleet (seed \(fleet.seed), \(fleet.deviceCount) records\(night > 0 ? ", night \(night)" : ""))"
  }

  public var position: String { cursor }

  /// The next cursor is known without decoding: pages are made ahead and decoded on every core.
  public var pagesAhead: Int { DevicePageSourceDefaults.pagesAheadOnEveryCore }

  public mutating func nextPage() async throws(CollectionError) -> CollectedPage? {
    guard !finished else { return nil }
    let origin = "startIndex \(cursor)"
    guard let page = fleet.page(startIndex: cursor, clientType: clientType, night: night) else {
      throw .rejected(request: "page \(origin)", detail: "LastSeenDeviceId Not Valid")
    }
    number += 1
    if page.hasMoreData { cursor = page.nextStartIndex } else { finished = true }
    return CollectedPage(number: number, origin: origin, body: Data(page.body.utf8))
  }

  /// The fleet's firmware list, license pool and (with `campaigns`) upgrade reports, as their
  /// endpoints answer them.
  public mutating func planningData(campaigns: Bool) async -> PlanningData {
    let firmware = fleet.firmwareListBody
    let licenses = fleet.licenseSummaryBody(night: night)
    var data = PlanningData(
      firmware: try? JSONDecoder().decode([FirmwareEntry].self, from: firmware), firmwareBody: firmware,
      licenses: try? JSONDecoder().decode(LicenseSummary.self, from: licenses), licensesBody: licenses)
    if campaigns {
      data.upgradeReports = fleet.upgradeReports(night: night).flatMap { status, pages in
        pages.enumerated().map { number, page in
          PlanningData.UpgradeReportBody(
            status: status, number: number + 1, body: SyntheticFleet.json(page), page: page)
        }
      }
    }
    return data
  }
}

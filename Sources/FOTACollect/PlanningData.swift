import Foundation
import ThingSpaceAPI

/// The firmware list and license pool collected beside the device list, as received.
public struct PlanningData: Sendable {
  /// The upgrade paths, when collected.
  public var firmware: [FirmwareEntry]?
  public var firmwareBody: Data?
  /// The license pool, when collected.
  public var licenses: LicenseSummary?
  public var licensesBody: Data?
  /// The upgrade reports, every page of every status in the order collected, when collected.
  public var upgradeReports: [UpgradeReportBody]?
  /// Why some of it is missing, one line each.
  public var missing: [String] = []
  /// Why the night cannot be planned safely: the upgrade reports were asked for and could not be
  /// read. The collector fails the night with it.
  public var failure: CollectionError?

  /// One page of the upgrade reports, as received.
  public struct UpgradeReportBody: Sendable {
    /// The `upgradeStatus` it was asked for.
    public var status: String
    /// Its number among that status's pages, from 1.
    public var number: Int
    public var body: Data
    public var page: UpgradeReportPage

    public init(status: String, number: Int, body: Data, page: UpgradeReportPage) {
      self.status = status
      self.number = number
      self.body = body
      self.page = page
    }

    /// Its file beside saved pages: `upgrades/STATUS-NNNNN.json`.
    public var fileName: String {
      let digits = String(number)
      return "\(PlanningData.upgradesFolder)/\(status)-"
        + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + ".json"
    }
  }

  /// Creates planning data.
  public init(
    firmware: [FirmwareEntry]? = nil, firmwareBody: Data? = nil, licenses: LicenseSummary? = nil,
    licensesBody: Data? = nil, missing: [String] = []
  ) {
    self.firmware = firmware
    self.firmwareBody = firmwareBody
    self.licenses = licenses
    self.licensesBody = licensesBody
    self.missing = missing
  }

  /// File names beside saved pages.
  public static let firmwareFile = "firmware.json"
  public static let licensesFile = "licenses.json"
  /// The folder of the upgrade reports beside saved pages.
  public static let upgradesFolder = "upgrades"
}

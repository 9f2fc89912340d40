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
  /// Why some of it is missing, one line each.
  public var missing: [String] = []

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
}

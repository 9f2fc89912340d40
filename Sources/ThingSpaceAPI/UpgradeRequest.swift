/// The body of `POST /api/fota/v1/upgrades`: schedules one firmware upgrade for some devices.
public struct UpgradeRequest: Sendable, Hashable, Codable {
  public var accountName: String
  /// A `firmwareName` from the firmware list.
  public var firmwareName: String
  /// The version the devices move to.
  public var firmwareTo: String
  /// `YYYY-MM-DD`.
  public var startDate: String
  /// `YYYY-MM-DD`.
  public var endDate: String
  /// IMEIs.
  public var deviceList: [String]

  /// Creates a request body.
  public init(
    accountName: String, firmwareName: String, firmwareTo: String, startDate: String, endDate: String,
    deviceList: [String]
  ) {
    self.accountName = accountName
    self.firmwareName = firmwareName
    self.firmwareTo = firmwareTo
    self.startDate = startDate
    self.endDate = endDate
    self.deviceList = deviceList
  }
}

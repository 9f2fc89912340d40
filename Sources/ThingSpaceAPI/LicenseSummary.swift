/// The answer of `GET /api/fota/v1/licenses/{account}/index/{startIndex}`: the license pool.
public struct LicenseSummary: Sendable, Hashable, Codable {
  /// One device holding a license.
  public struct Holder: Sendable, Hashable, Codable {
    public var deviceId: String
    public var assignmentTime: String?

    public init(deviceId: String, assignmentTime: String? = nil) {
      self.deviceId = deviceId
      self.assignmentTime = assignmentTime
    }
  }

  public var accountName: String?
  public var totalLicenses: Int
  public var assignedLicenses: Int
  public var hasMoreData: Bool?
  public var lastSeenDeviceId: PageCursor?
  public var deviceList: [Holder]

  /// Creates a summary.
  public init(
    accountName: String?, totalLicenses: Int, assignedLicenses: Int, hasMoreData: Bool? = false,
    lastSeenDeviceId: PageCursor? = .number(0), deviceList: [Holder] = []
  ) {
    self.accountName = accountName
    self.totalLicenses = totalLicenses
    self.assignedLicenses = assignedLicenses
    self.hasMoreData = hasMoreData
    self.lastSeenDeviceId = lastSeenDeviceId
    self.deviceList = deviceList
  }

  /// Licenses not yet assigned (never negative).
  public var available: Int { max(totalLicenses - assignedLicenses, 0) }
}

/// The answer of `GET /api/fota/v1/reports/{account}/status/{upgradeStatus}/index/{startIndex}`:
/// one page of the account's upgrades in one status, oldest first.
///
/// Note the names: `hasMoreFlag` and `lastSeenUpgradeId` here, where the device list has
/// `hasMoreData` and `lastSeenDeviceId`.
public struct UpgradeReportPage: Sendable, Hashable, Codable {
  /// Whether another page follows.
  public var hasMoreFlag: Bool
  /// The `startIndex` of the next page.
  public var lastSeenUpgradeId: PageCursor?
  /// The page's upgrades.
  public var reportList: [FirmwareUpgrade]

  /// Creates a page.
  public init(hasMoreFlag: Bool, lastSeenUpgradeId: PageCursor?, reportList: [FirmwareUpgrade]) {
    self.hasMoreFlag = hasMoreFlag
    self.lastSeenUpgradeId = lastSeenUpgradeId
    self.reportList = reportList
  }

  enum CodingKeys: String, CodingKey {
    case hasMoreFlag, lastSeenUpgradeId, reportList
  }

  /// Decodes leniently: the flag may be text; `reportList` must be there, an array of upgrades
  /// (a page without it is not an upgrade-report page).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    switch container.wireValue(forKey: .hasMoreFlag) {
    case .bool(let value): hasMoreFlag = value
    case let other: hasMoreFlag = other.text.flatMap(LenientBool.parse) ?? false
    }
    lastSeenUpgradeId = try container.decodeIfPresent(PageCursor.self, forKey: .lastSeenUpgradeId)
    reportList = try container.decode([FirmwareUpgrade].self, forKey: .reportList)
  }

  /// Whether to ask for the page after this one, and from where: only while the API says more
  /// follow and its cursor is usable.
  public var nextStartIndex: String? {
    guard hasMoreFlag, let cursor = lastSeenUpgradeId, !cursor.isZero else { return nil }
    return cursor.description
  }
}

/// One scheduled upgrade (the SDKs' `FirmwareUpgrade`): a campaign and the status of each of its
/// devices.
public struct FirmwareUpgrade: Sendable, Hashable, Codable {
  /// One device of the upgrade.
  public struct DeviceEntry: Sendable, Hashable, Codable {
    public var deviceId: String
    public var status: String
    /// Why it failed; `resultReason` in the SDK models, `reason` in the device-history answer.
    public var resultReason: String?

    public init(deviceId: String, status: String, resultReason: String? = nil) {
      self.deviceId = deviceId
      self.status = status
      self.resultReason = resultReason
    }

    enum CodingKeys: String, CodingKey {
      case deviceId, status, resultReason, reason
    }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      deviceId = container.wireValue(forKey: .deviceId).text ?? ""
      status = container.wireValue(forKey: .status).text ?? ""
      resultReason =
        container.wireValue(forKey: .resultReason).text ?? container.wireValue(forKey: .reason).text
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(deviceId, forKey: .deviceId)
      try container.encode(status, forKey: .status)
      try container.encodeIfPresent(resultReason, forKey: .resultReason)
    }
  }

  /// The upgrade's id (a UUID).
  public var id: String
  public var accountName: String?
  /// The image, as in the firmware list.
  public var firmwareName: String
  /// The version after a successful upgrade.
  public var firmwareTo: String
  /// `YYYY-MM-DD`.
  public var startDate: String
  /// `YYYY-MM-DD`; absent on some upgrades.
  public var endDate: String?
  /// The campaign's status.
  public var status: String
  public var deviceList: [DeviceEntry]

  /// Creates an upgrade.
  public init(
    id: String, accountName: String?, firmwareName: String, firmwareTo: String, startDate: String,
    endDate: String?, status: String, deviceList: [DeviceEntry]
  ) {
    self.id = id
    self.accountName = accountName
    self.firmwareName = firmwareName
    self.firmwareTo = firmwareTo
    self.startDate = startDate
    self.endDate = endDate
    self.status = status
    self.deviceList = deviceList
  }

  enum CodingKeys: String, CodingKey {
    case id, accountName, firmwareName, firmwareTo, startDate, endDate, status, deviceList
  }

  /// Decodes leniently: text fields may be numbers or missing (empty), the device list may be
  /// missing (empty).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = container.wireValue(forKey: .id).text ?? ""
    accountName = container.wireValue(forKey: .accountName).text
    firmwareName = container.wireValue(forKey: .firmwareName).text ?? ""
    firmwareTo = container.wireValue(forKey: .firmwareTo).text ?? ""
    startDate = container.wireValue(forKey: .startDate).text ?? ""
    endDate = container.wireValue(forKey: .endDate).text
    status = container.wireValue(forKey: .status).text ?? ""
    deviceList = try container.decodeIfPresent([DeviceEntry].self, forKey: .deviceList) ?? []
  }
}

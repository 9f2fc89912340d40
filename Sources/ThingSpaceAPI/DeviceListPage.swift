/// The body of `GET /api/fota/v1/devices/{account}/index/{startIndex}`.
public struct DeviceListPage: Sendable, Hashable {
  /// `accountName`, when present.
  public var accountName: String?
  /// `hasMoreData`; `nil` when absent or not a boolean.
  public var hasMoreData: Bool?
  /// `lastSeenDeviceId`: the next `startIndex` while `hasMoreData` is true.
  public var lastSeenDeviceId: PageCursor?
  /// `deviceList`, element by element.
  public var deviceList: [DeviceEntry]

  /// Creates a page.
  public init(
    accountName: String?, hasMoreData: Bool?, lastSeenDeviceId: PageCursor?,
    deviceList: [DeviceEntry]
  ) {
    self.accountName = accountName
    self.hasMoreData = hasMoreData
    self.lastSeenDeviceId = lastSeenDeviceId
    self.deviceList = deviceList
  }
}

/// Foundation's `JSONDecoder` reading a page: the reference ``DeviceListDecoder`` is checked
/// against, and what the benchmarks compare it with.
extension DeviceListPage: Decodable {
  enum CodingKeys: String, CodingKey {
    case accountName, hasMoreData, lastSeenDeviceId, deviceList
  }

  /// Decodes the envelope leniently: booleans may be strings, the cursor a number or a string.
  /// A missing, `null` or non-array `deviceList` is not a device-list page.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    accountName = container.wireValue(forKey: .accountName).text
    switch container.wireValue(forKey: .hasMoreData, expectingBool: true) {
    case .bool(let value): hasMoreData = value
    case .string(let text): hasMoreData = LenientBool.parse(text)
    default: hasMoreData = nil
    }
    lastSeenDeviceId = try? container.decodeIfPresent(PageCursor.self, forKey: .lastSeenDeviceId)
    deviceList = try container.decode([DeviceEntry].self, forKey: .deviceList)
  }
}

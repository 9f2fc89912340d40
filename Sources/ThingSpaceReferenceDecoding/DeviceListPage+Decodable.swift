import ThingSpaceAPI

/// Foundation's `JSONDecoder` reading a page: the reference ``DeviceListDecoder`` is checked
/// against, and what the benchmarks compare it with. Tests and benchmarks only: the nightly
/// binary reads pages with ``DeviceListDecoder`` alone.
extension DeviceListPage: Decodable {
  enum CodingKeys: String, CodingKey {
    case accountName, hasMoreData, lastSeenDeviceId, deviceList
  }

  /// Decodes the envelope leniently: booleans may be strings, the cursor a number or a string.
  /// A missing, `null` or non-array `deviceList` is not a device-list page.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let hasMoreData: Bool?
    switch container.wireValue(forKey: .hasMoreData, expectingBool: true) {
    case .bool(let value): hasMoreData = value
    case .string(let text): hasMoreData = LenientBool.parse(text)
    default: hasMoreData = nil
    }
    self.init(
      accountName: container.wireValue(forKey: .accountName).text, hasMoreData: hasMoreData,
      lastSeenDeviceId: try? container.decodeIfPresent(PageCursor.self, forKey: .lastSeenDeviceId),
      deviceList: try container.decode([DeviceEntry].self, forKey: .deviceList))
  }
}

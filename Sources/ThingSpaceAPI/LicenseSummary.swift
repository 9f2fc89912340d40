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

  /// The largest license count taken as it is; larger ones are cut to it, so no arithmetic on
  /// the counts can overflow.
  public static let maximumCount = 1_000_000_000_000

  enum CodingKeys: String, CodingKey {
    case accountName, totalLicenses, assignedLicenses, hasMoreData, lastSeenDeviceId, deviceList
  }

  /// Decodes leniently: counts may be numbers or numeric text, and are clamped to
  /// `0...maximumCount`; a count that is not a number makes the answer unusable.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    accountName = container.wireValue(forKey: .accountName).text
    totalLicenses = try Self.count(container.wireValue(forKey: .totalLicenses), "totalLicenses")
    assignedLicenses = try Self.count(container.wireValue(forKey: .assignedLicenses), "assignedLicenses")
    switch container.wireValue(forKey: .hasMoreData, expectingBool: true) {
    case .bool(let value): hasMoreData = value
    case .string(let text): hasMoreData = LenientBool.parse(text)
    default: hasMoreData = nil
    }
    lastSeenDeviceId = try? container.decodeIfPresent(PageCursor.self, forKey: .lastSeenDeviceId)
    deviceList = (try? container.decodeIfPresent([Holder].self, forKey: .deviceList)) ?? []
  }

  /// A license count, clamped to `0...maximumCount`.
  static func count(_ value: WireValue, _ name: String) throws -> Int {
    let text = value.text?.trimmingASCIIWhitespace() ?? ""
    if let whole = Int64(text) { return Int(min(max(whole, 0), Int64(maximumCount))) }
    if let real = Double(text), !real.isNaN {
      return real <= 0 ? 0 : real >= Double(maximumCount) ? maximumCount : Int(real)
    }
    throw DecodingError.dataCorrupted(
      .init(codingPath: [], debugDescription: "\(name) is \(value.typeName), not a count"))
  }
}

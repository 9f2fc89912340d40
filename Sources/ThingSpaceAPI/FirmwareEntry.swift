/// One upgrade path of `GET /api/fota/v1/firmware/{account}`: from one version to another.
public struct FirmwareEntry: Sendable, Hashable, Codable {
  public var firmwareName: String
  public var participantName: String?
  public var launchDate: String?
  public var releaseNote: String?
  public var model: String
  public var make: String
  public var fromVersion: String
  public var toVersion: String

  /// Creates an entry.
  public init(
    firmwareName: String, participantName: String? = nil, launchDate: String? = nil,
    releaseNote: String? = nil, model: String, make: String, fromVersion: String, toVersion: String
  ) {
    self.firmwareName = firmwareName
    self.participantName = participantName
    self.launchDate = launchDate
    self.releaseNote = releaseNote
    self.model = model
    self.make = make
    self.fromVersion = fromVersion
    self.toVersion = toVersion
  }

  enum CodingKeys: String, CodingKey {
    case firmwareName, participantName, launchDate, releaseNote, model, make, fromVersion, toVersion
  }

  /// Decodes leniently: missing or mistyped text fields become empty.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    firmwareName = container.wireValue(forKey: .firmwareName).text ?? ""
    participantName = container.wireValue(forKey: .participantName).text
    launchDate = container.wireValue(forKey: .launchDate).text
    releaseNote = container.wireValue(forKey: .releaseNote).text
    model = container.wireValue(forKey: .model).text ?? ""
    make = container.wireValue(forKey: .make).text ?? ""
    fromVersion = container.wireValue(forKey: .fromVersion).text ?? ""
    toVersion = container.wireValue(forKey: .toVersion).text ?? ""
  }
}

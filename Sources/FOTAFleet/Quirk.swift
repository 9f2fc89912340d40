/// A record-level oddity the synthetic fleet plants, so every lenient-decoding path is exercised.
enum Quirk: CaseIterable {
  case none
  case eligibleAsText, licenseAsText, invalidBoolean, missingEligible, nullLicense
  case missingMake, nullModel, firmwareAsNumber, deviceIdAsNumber, missingMDN
  case missingStatus, missingClientType, otherClientType, extraFields
  case malformedString, malformedNumber, malformedNull, malformedArray
  case missingDeviceId, emptyDeviceId, duplicate

  /// How often each quirk occurs, per 100,000 records.
  var perHundredThousand: Int {
    switch self {
    case .none: 0
    case .extraFields: 5_000
    case .missingStatus, .missingClientType: 1_500
    case .eligibleAsText, .licenseAsText: 800
    case .missingMDN: 500
    case .deviceIdAsNumber, .otherClientType: 300
    case .invalidBoolean, .missingEligible, .nullLicense, .missingMake, .nullModel: 150
    case .firmwareAsNumber, .duplicate: 100
    case .missingDeviceId, .emptyDeviceId: 40
    case .malformedString, .malformedNumber, .malformedNull, .malformedArray: 20
    }
  }
}

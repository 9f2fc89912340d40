/// A kind of per-record data problem; none of them fails a run.
public enum DiagnosticKind: String, Sendable, Codable, DeclarationOrdered {
  /// A `deviceList` element that is not a JSON object: skipped.
  case malformedRecord = "malformed-record"
  /// A device without a usable `deviceId`: skipped.
  case missingDeviceId = "missing-device-id"
  /// A `deviceId` seen before: the first record is kept.
  case duplicateDeviceId = "duplicate-device-id"
  /// A field the API documents that was absent or `null`.
  case missingField = "missing-field"
  /// A field of an unexpected JSON type (a number where text belongs, say).
  case wrongType = "wrong-type"
  /// Text whose bytes are not UTF-8: the field is dropped (the device, for `deviceId`).
  case invalidUTF8 = "invalid-utf8"
  /// Text longer than the limit (1,024 bytes): cut to it.
  case oversizedValue = "oversized-value"
  /// A boolean sent as the text `"true"` or `"false"`: accepted.
  case booleanAsText = "boolean-as-text"
  /// A boolean that is neither a boolean nor `"true"`/`"false"`: read as false.
  case invalidBoolean = "invalid-boolean"
  /// An `upgradeTime` that is not a timestamp in any known shape.
  case invalidUpgradeTime = "invalid-upgrade-time"
  /// An `upgradeTime` after the report's as-of instant.
  case futureUpgradeTime = "future-upgrade-time"
  /// An upgrade (in the upgrade reports) without an id, or with a missing or unreadable date, or
  /// a device entry without a device: skipped.
  case unreadableUpgrade = "unreadable-upgrade"
  /// An upgrade or device status this version does not know: kept as text, never planned on.
  case unknownUpgradeStatus = "unknown-upgrade-status"
  /// A device listed twice in one upgrade: the first entry is kept.
  case duplicateUpgradeDevice = "duplicate-upgrade-device"
  /// An upgrade names a device that is not in tonight's device list.
  case upgradeDeviceNotInAccount = "upgrade-device-not-in-account"
  /// ThingSpace reports a device upgraded, but its firmware tonight is not the upgrade's `firmwareTo`.
  case upgradedFirmwareMismatch = "upgraded-firmware-mismatch"

  /// One-line explanation for readers of the report.
  public var summary: String {
    switch self {
    case .malformedRecord: "deviceList element is not an object; skipped"
    case .missingDeviceId: "device without deviceId; skipped"
    case .duplicateDeviceId: "deviceId already seen; first record kept"
    case .missingField: "documented field absent or null"
    case .wrongType: "field of an unexpected JSON type; converted"
    case .invalidUTF8: "text that is not UTF-8; field dropped (device skipped when it is deviceId)"
    case .oversizedValue: "text longer than 1,024 bytes; cut to that length"
    case .booleanAsText: "boolean sent as text; accepted"
    case .invalidBoolean: "boolean neither true nor false; read as false"
    case .invalidUpgradeTime: "upgradeTime in no known shape; kept raw"
    case .futureUpgradeTime: "upgradeTime after the as-of time"
    case .unreadableUpgrade: "upgrade without an id or with a missing or unreadable date; skipped"
    case .unknownUpgradeStatus: "upgrade or device status not known; kept as text, never planned on"
    case .duplicateUpgradeDevice: "device listed twice in one upgrade; first entry kept"
    case .upgradeDeviceNotInAccount: "upgrade names a device not in tonight's device list"
    case .upgradedFirmwareMismatch:
      "reported upgraded, but tonight's firmware is not the upgrade's firmwareTo"
    }
  }
}

import FOTAModel
import ThingSpaceAPI

/// Turns wire devices into ``Device`` values, recording every data problem in ``Diagnostics``.
public struct DeviceNormaliser: Sendable {
  /// The report's as-of instant, to spot upgrade times in the future.
  public var asOf: Int64

  /// Creates a normaliser for a report as of the given instant (milliseconds since 1970).
  public init(asOf: Int64) {
    self.asOf = asOf
  }

  /// Normalises one `deviceList` element; `nil` when it must be skipped (the reason is recorded).
  public func normalise(
    _ entry: DeviceEntry, page: Int, diagnostics: inout Diagnostics
  ) -> Device? {
    switch entry {
    case .malformed(let description):
      diagnostics.record(.malformedRecord, page: page, deviceId: "", value: description)
      return nil
    case .device(let wire):
      return normalise(wire, page: page, diagnostics: &diagnostics)
    }
  }

  /// The id a `deviceList` element is counted under, read as ``normalise(_:page:diagnostics:)``
  /// reads it (text, numbers as their digits, blanks trimmed); `nil` when it has none.
  public static func deviceId(of entry: DeviceEntry) -> String? {
    guard case .device(let wire) = entry, let text = wire.deviceId.text else { return nil }
    let id = text.trimmingASCIIWhitespace()
    return id.isEmpty ? nil : id
  }

  /// Normalises one device object; `nil` when it has no usable `deviceId`.
  public func normalise(
    _ wire: WireDevice, page: Int, diagnostics: inout Diagnostics
  ) -> Device? {
    // Move the collector in and back out, so recording into it never copies it.
    var context = Context(page: page, deviceId: "", diagnostics: Diagnostics())
    swap(&context.diagnostics, &diagnostics)
    defer { swap(&context.diagnostics, &diagnostics) }
    if case .invalidUTF8 = wire.deviceId {
      context.record(.invalidUTF8, "deviceId", Context.notUTF8)
      return nil
    }
    let deviceId = context.text(wire.deviceId, field: "deviceId", documented: false)
      .trimmingASCIIWhitespace()
    guard !deviceId.isEmpty else {
      context.diagnostics.record(
        .missingDeviceId, page: page, deviceId: "",
        value: wire.deviceId.text.map { $0.isEmpty ? "empty string" : $0 }
          ?? wire.deviceId.typeName)
      return nil
    }
    context.deviceId = deviceId
    var device = Device(deviceId: deviceId)
    device.mdn = context.text(wire.mdn, field: "mdn", documented: true, quoteValue: false)
    device.make = context.text(wire.make, field: "make", documented: true)
    device.model = context.text(wire.model, field: "model", documented: true)
    device.firmware = context.text(wire.firmware, field: "firmware", documented: true)
    device.clientType = context.text(wire.clientType, field: "clientType", documented: false)
    device.status = context.text(wire.status, field: "status", documented: false)
    device.fotaEligible = context.bool(wire.fotaEligible, field: "fotaEligible")
    device.licenseAssigned = context.bool(wire.licenseAssigned, field: "licenseAssigned")
    device.upgrade = context.upgradeTime(wire.upgradeTime, asOf: asOf)
    return device
  }
}

/// The record being normalised, with its diagnostics.
private struct Context {
  var page: Int
  var deviceId: String
  var diagnostics: Diagnostics

  /// The example shown for text that is not UTF-8 (its bytes cannot be shown as text).
  static let notUTF8 = "(bytes that are not UTF-8)"

  mutating func record(_ kind: DiagnosticKind, _ field: String, _ value: String) {
    diagnostics.record(kind, field: field, page: page, deviceId: deviceId, value: value)
  }

  /// Text of a string field; numbers and booleans are converted and reported.
  mutating func text(
    _ value: WireValue, field: String, documented: Bool, quoteValue: Bool = true
  ) -> String {
    switch value {
    case .string(let text):
      return text
    case .oversized(let text):
      record(.oversizedValue, field, quoteValue ? text : "\(text.utf8.count) bytes kept")
      return text
    case .invalidUTF8:
      record(.invalidUTF8, field, Self.notUTF8)
      return ""
    case .number, .bool:
      let text = value.text ?? ""
      record(.wrongType, field, quoteValue ? "\(value.typeName) \(text)" : value.typeName)
      return text
    case .missing, .null:
      if documented { record(.missingField, field, value.typeName) }
      return ""
    case .structured:
      record(.wrongType, field, value.typeName)
      return ""
    }
  }

  /// A boolean field: JSON booleans, or the text `true`/`false`; anything else is false.
  mutating func bool(_ value: WireValue, field: String) -> Bool {
    switch value {
    case .bool(let flag):
      return flag
    case .string(let text):
      if let flag = LenientBool.parse(text) {
        record(.booleanAsText, field, text)
        return flag
      }
      record(.invalidBoolean, field, text)
      return false
    case .missing, .null:
      record(.missingField, field, value.typeName)
      return false
    case .number(let text):
      record(.invalidBoolean, field, "number \(text)")
      return false
    case .oversized(let text):
      record(.invalidBoolean, field, text)
      return false
    case .invalidUTF8:
      record(.invalidUTF8, field, Self.notUTF8)
      return false
    case .structured:
      record(.invalidBoolean, field, value.typeName)
      return false
    }
  }

  /// `upgradeTime`: text parsed by ``UpgradeTimeParser``; anything else is invalid.
  mutating func upgradeTime(_ value: WireValue, asOf: Int64) -> UpgradeTime {
    let upgrade: UpgradeTime
    switch value {
    case .missing, .null:
      upgrade = UpgradeTime(state: .unknown)
    case .string(let text):
      upgrade = UpgradeTimeParser.parse(text)
    case .number(let text):
      upgrade = UpgradeTime(state: .invalid, raw: text)
    case .oversized(let text):
      record(.oversizedValue, "upgradeTime", text)
      upgrade = UpgradeTime(state: .invalid, raw: text)
    case .invalidUTF8:
      record(.invalidUTF8, "upgradeTime", Self.notUTF8)
      upgrade = UpgradeTime(state: .invalid)
    case .bool, .structured:
      upgrade = UpgradeTime(state: .invalid, raw: value.text ?? value.typeName)
    }
    switch upgrade.state {
    case .invalid:
      record(.invalidUpgradeTime, "upgradeTime", upgrade.raw ?? "")
    case .upgraded where upgrade.milliseconds! > asOf:
      record(.futureUpgradeTime, "upgradeTime", upgrade.raw ?? "")
    default:
      break
    }
    return upgrade
  }
}

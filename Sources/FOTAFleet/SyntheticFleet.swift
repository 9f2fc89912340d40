import FOTAModel
import ThingSpaceAPI

/// A deterministic synthetic ThingSpace account: the same seed and size always give the same bytes.
///
/// Each device is derived from the seed and its index alone, so any device or page can be made
/// without the others. The first records walk through every `upgradeTime` shape, every quirk and
/// every model line, so even a small fleet exercises everything; the rest are drawn at random
/// with realistic, skewed frequencies.
public struct SyntheticFleet: Sendable {
  /// The account the fleet belongs to (leading zeros matter).
  public static let defaultAccount = "0242078698-00001"
  /// The instant the fleet's upgrade times are measured back from: 2026-11-01T00:00:00Z.
  public static let epoch: Int64 = CivilCalendar.days(year: 2026, month: 11, day: 1) * 86_400_000
  /// Devices per page, as ThingSpace serves them.
  public static let pageSize = 1000

  public let seed: UInt64
  public let deviceCount: Int
  public let account: String

  /// Creates a fleet of `deviceCount` records.
  public init(seed: UInt64 = 42, deviceCount: Int = 25_000, account: String = defaultAccount) {
    self.seed = seed
    self.deviceCount = deviceCount
    self.account = account
  }

  /// The smallest IMEI the fleet can hold.
  static let imeiBase: Int64 = 350_000_000_000_000

  /// The IMEI of the slot at `index`: 15 digits, strictly increasing with the index.
  public func imei(at index: Int) -> String {
    var random = SplitMix64(seed: seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
    return String(Self.imeiBase + Int64(index) * 10 + Int64(random.below(10)))
  }

  /// Slots in use on `night`: the first night's plus those added since.
  public func slotCount(night: Int) -> Int {
    deviceCount + max(night, 0) * max(1, deviceCount * NightlyEvents.addedPerThousand / 1000)
  }

  /// True when the slot's device has left the account by `night`.
  public func isRemoved(slot: Int, night: Int) -> Bool {
    for tonight in stride(from: 1, through: night, by: 1) {
      var random = SplitMix64(
        seed: seed ^ (UInt64(slot) &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(tonight) &* 0x1656_67B1_9E37_79F9)
      if random.chance(NightlyEvents.removalRate) { return true }
    }
    return false
  }

  /// True when the slot holds a device on `night`.
  public func isPresent(slot: Int, night: Int) -> Bool {
    slot >= 0 && slot < slotCount(night: night) && !isRemoved(slot: slot, night: night)
  }

  /// The record at `index` as it looks `night` nights after the fleet's first night.
  public func device(at index: Int, night: Int = 0) -> SyntheticDevice {
    device(at: index, night: night, withJSON: true)
  }

  /// The record at `index` on `night`; without `withJSON`, only what the upgrade reports are made
  /// from (its id, line and firmware), its JSON left empty: the same draws, the text not built.
  func device(at index: Int, night: Int, withJSON: Bool) -> SyntheticDevice {
    var random = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
    let showcase = Showcase(index: index)
    let quirk = showcase.quirk ?? randomQuirk(&random)
    let line = FleetCatalog.lines[
      showcase.lineIndex ?? random.weighted(FleetCatalog.lineWeights)]
    var shape = showcase.shape ?? UpgradeShape.allCases[random.weighted(UpgradeShape.weights)]

    switch quirk {
    case .malformedString: return SyntheticDevice(deviceId: "", clientType: nil, json: "\"corrupt record\"")
    case .malformedNumber: return SyntheticDevice(deviceId: "", clientType: nil, json: "12345")
    case .malformedNull: return SyntheticDevice(deviceId: "", clientType: nil, json: "null")
    case .malformedArray: return SyntheticDevice(deviceId: "", clientType: nil, json: "[1,2]")
    default: break
    }

    let deviceId: String
    switch quirk {
    case .duplicate where index > 0: deviceId = imei(at: index - 1)
    case .missingDeviceId, .emptyDeviceId: deviceId = ""
    default: deviceId = imei(at: index)
    }
    var firmwareIndex = random.weighted(line.firmwareWeights)
    var clientType: String? =
      switch quirk {
      case .missingClientType: nil
      case .otherClientType: "HTTP"
      default: ["OMADM", "LWM2M"][random.weighted(line.clientTypeWeights)]
      }
    var eligible = random.chance(0.88)
    var licensed = random.chance(eligible ? 0.78 : 0.2)
    var status = FleetCatalog.statuses[random.weighted(FleetCatalog.statusWeights)].0
    var instant = Self.epoch - upgradeAge(&random)
    if quirk == .none || quirk == .extraFields {
      for night in stride(from: 1, through: night, by: 1) {
        var tonight = SplitMix64(
          seed: seed ^ (UInt64(index) &* 0xA24B_AED4_963E_E407) ^ UInt64(night) &* 0x9FB2_1C65_1E98_DF25)
        let events = NightlyEvents.draw(&tonight)
        if events.upgrade, eligible, licensed, firmwareIndex < line.firmware.count - 1 {
          firmwareIndex += 1
          instant = Self.epoch + Int64(night - 1) * 86_400_000 + Int64(tonight.below(86_400_000))
          shape = .goMillis
        }
        if events.licenseFlip { licensed.toggle() }
        if events.statusChange { status = status == "Active" ? "Suspended" : "Active" }
        if events.clientTypeSwitch, let current = clientType, current == "OMADM" || current == "LWM2M" {
          clientType = current == "OMADM" ? "LWM2M" : "OMADM"
        }
        if events.eligibilityFlip { eligible.toggle() }
      }
    }
    func made(_ text: String) -> SyntheticDevice {
      var made = SyntheticDevice(
        deviceId: deviceId, clientType: clientType, licensed: licensed && quirk != .nullLicense, json: text)
      made.make = line.make
      made.model = line.model
      made.firmware = line.firmware[firmwareIndex]
      made.previousFirmware = firmwareIndex > 0 ? line.firmware[firmwareIndex - 1] : nil
      made.nextFirmware = firmwareIndex + 1 < line.firmware.count ? line.firmware[firmwareIndex + 1] : nil
      return made
    }
    guard withJSON else { return made("") }

    var json = ObjectText()
    switch quirk {
    case .missingDeviceId: break
    case .emptyDeviceId: json.raw("deviceId", "\"\"")
    case .deviceIdAsNumber: json.raw("deviceId", deviceId)
    default: json.string("deviceId", deviceId)
    }
    if quirk != .missingMDN {
      json.string("mdn", mdn(&random))
    }
    if quirk == .nullModel {
      json.raw("model", "null")
    } else {
      json.string("model", line.model)
    }
    if quirk != .missingMake { json.string("make", line.make) }
    if quirk == .firmwareAsNumber {
      json.raw("firmware", "42")
    } else {
      json.string("firmware", line.firmware[firmwareIndex])
    }
    switch quirk {
    case .missingEligible: break
    case .eligibleAsText: json.raw("fotaEligible", eligible ? "\"true\"" : "\"False\"")
    case .invalidBoolean: json.raw("fotaEligible", "\"yes\"")
    default: json.raw("fotaEligible", eligible ? "true" : "false")
    }
    switch quirk {
    case .nullLicense: json.raw("licenseAssigned", "null")
    case .licenseAsText: json.raw("licenseAssigned", licensed ? "\"TRUE\"" : "\"false\"")
    default: json.raw("licenseAssigned", licensed ? "true" : "false")
    }
    if let upgrade = shape.json(instant: instant, random: &random) {
      json.raw("upgradeTime", upgrade)
    }
    if quirk != .missingStatus { json.string("status", status) }
    if let clientType { json.string("clientType", clientType) }
    if quirk == .extraFields {
      json.string("iccid", "89148000\(random.below(90_000_000) + 10_000_000)")
      json.raw("softwareList", "[{\"name\":\"app\",\"version\":\"1.0\",\"upgradeTime\":null}]")
      json.raw("refreshTime", "null")
    }
    return made(json.closed())
  }

  private func randomQuirk(_ random: inout SplitMix64) -> Quirk {
    var roll = random.below(100_000)
    for quirk in Quirk.allCases {
      if roll < quirk.perHundredThousand { return quirk }
      roll -= quirk.perHundredThousand
    }
    return .none
  }

  /// How long ago the last upgrade was: skewed towards recent, with a long tail.
  private func upgradeAge(_ random: inout SplitMix64) -> Int64 {
    let ranges = [0..<30, 30..<90, 90..<365, 365..<1500]
    let days = ranges[random.weighted([40, 20, 25, 15])]
    let day = Int64(days.lowerBound + random.below(days.count))
    return day * 86_400_000 + Int64(random.below(86_400_000))
  }

  private func mdn(_ random: inout SplitMix64) -> String {
    let digits = String(random.below(10_000_000))
    return "000" + String(repeating: "0", count: 7 - digits.count) + digits
  }
}

/// Forces the first records through every shape, quirk and model line.
private struct Showcase {
  var shape: UpgradeShape?
  var quirk: Quirk?
  var lineIndex: Int?

  init(index: Int) {
    let shapes = UpgradeShape.allCases
    let quirks = Array(Quirk.allCases.dropFirst())
    let lines = FleetCatalog.lines.count
    if index < shapes.count {
      shape = shapes[index]
      quirk = Quirk.none
      lineIndex = index % lines
    } else if index < shapes.count + quirks.count * 2, index % 2 == 0 {
      quirk = quirks[(index - shapes.count) / 2]
      lineIndex = index % lines
    } else if index < shapes.count + quirks.count * 2 + lines * 3 {
      quirk = Quirk.none
      lineIndex = index % lines
    }
  }
}

/// A JSON object's text, built member by member into one buffer of UTF-8.
private struct ObjectText {
  private var text: [UInt8] = [UInt8(ascii: "{")]

  init() { text.reserveCapacity(512) }

  /// Adds a member whose value is JSON text already.
  mutating func raw(_ key: String, _ value: String) {
    self.key(key)
    text += value.utf8
  }

  /// Adds a member whose value is `value` as a JSON string.
  mutating func string(_ key: String, _ value: String) {
    self.key(key)
    JSONText.append(value, to: &text)
  }

  /// The object, closed.
  func closed() -> String {
    var closed = text
    closed.append(UInt8(ascii: "}"))
    return String(decoding: closed, as: UTF8.self)
  }

  private mutating func key(_ key: String) {
    if text.count > 1 { text.append(UInt8(ascii: ",")) }
    text.append(UInt8(ascii: "\""))
    text += key.utf8
    text += [UInt8(ascii: "\""), UInt8(ascii: ":")]
  }
}

import FOTAFleet

/// Random device-list bodies for the decoder's property tests: well-formed JSON in every shape the
/// API might send (keys in any order, unknown members at any depth, escapes, surrogate pairs,
/// over-long text, odd types), and hostile variants of them (cut short, bytes flipped, nested
/// deep, huge numbers).
public struct RandomPages {
  private var random: SplitMix64

  /// Creates a generator; the same seed always gives the same bodies.
  public init(seed: UInt64) {
    random = SplitMix64(seed: seed)
  }

  /// The device fields the decoder knows.
  static let deviceKeys = [
    "deviceId", "mdn", "make", "model", "firmware", "fotaEligible", "licenseAssigned", "upgradeTime",
    "status",
    "clientType",
  ]

  /// A well-formed page body with up to `maximumDevices` entries.
  public mutating func validPage(maximumDevices: Int = 40) -> String {
    var members: [String] = []
    if chance(0.9) { members.append(member("accountName", chance(0.9) ? string() : integer())) }
    if chance(0.95) {
      let flags = ["true", "false", "\"true\"", "\"False\"", "\"yes\"", "1", "null"]
      members.append(member("hasMoreData", flags[below(flags.count)]))
    }
    if chance(0.9) {
      let cursors = [integer(), "\"\(350_000_000_000_000 + below(1_000_000))\"", "0", "null", "true"]
      members.append(member("lastSeenDeviceId", cursors[below(cursors.count)]))
    }
    var entries: [String] = []
    for _ in 0..<below(maximumDevices + 1) { entries.append(chance(0.9) ? device() : malformed()) }
    members.append(member("deviceList", "[" + entries.joined(separator: separator(",")) + "]"))
    for _ in 0..<below(3) { members.append(member("extra\(below(100))", value(depth: 0))) }
    shuffle(&members)
    return space() + "{" + members.joined(separator: separator(",")) + "}" + space()
  }

  /// A page made hostile: cut short, bytes changed, inserted or dropped, nesting or numbers blown up.
  public mutating func hostilePage() -> [UInt8] {
    var bytes = Array(validPage(maximumDevices: 12).utf8)
    switch below(7) {
    case 0:
      bytes = Array(bytes.prefix(below(bytes.count + 1)))
    case 1:
      for _ in 0...below(8) where !bytes.isEmpty {
        bytes[below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
      }
    case 2:
      let position = below(bytes.count + 1)
      bytes.insert(
        contentsOf: (0..<below(16)).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: position)
    case 3:
      if !bytes.isEmpty {
        let start = below(bytes.count)
        bytes.removeSubrange(start..<min(bytes.count, start + below(32)))
      }
    case 4:
      let depth = 1 + below(5_000)
      let nested =
        String(repeating: "[", count: depth) + String(repeating: "]", count: chance(0.5) ? depth : depth / 2)
      bytes = Array("{\"deviceList\":[{\"deviceId\":\(nested)}],\"hasMoreData\":false}".utf8)
    case 5:
      let digits = String(repeating: "9", count: 1 + below(3_000))
      bytes = Array(
        "{\"deviceList\":[{\"deviceId\":\(digits),\"mdn\":-\(digits).5e\(digits),\"upgradeTime\":\(digits)}],\"lastSeenDeviceId\":\(digits),\"hasMoreData\":true}"
          .utf8)
    default:
      // Invalid UTF-8 inside a string value.
      let invalid: [[UInt8]] = [
        [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
      ]
      bytes =
        Array("{\"hasMoreData\":false,\"deviceList\":[{\"deviceId\":\"35".utf8)
        + invalid[below(invalid.count)]
        + Array("1\",\"make\":\"ok\"},{\"deviceId\":\"2\"}]}".utf8)
    }
    return bytes
  }

  // MARK: Pieces

  private mutating func device() -> String {
    var members: [String] = []
    for key in Self.deviceKeys where chance(0.85) {
      switch key {
      case "fotaEligible", "licenseAssigned":
        let flags = ["true", "false", "\"TRUE\"", "\"false\"", "\"maybe\"", "null", "1", "{}"]
        members.append(member(key, flags[below(flags.count)]))
      case "deviceId":
        members.append(member(key, chance(0.8) ? "\"\(350_000_000_000_000 + below(1_000_000))\"" : integer()))
      default:
        members.append(member(key, fieldValue()))
      }
    }
    for _ in 0..<below(3) { members.append(member("unknown\(below(50))", value(depth: 0))) }
    shuffle(&members)
    return "{" + members.joined(separator: separator(",")) + "}"
  }

  private mutating func malformed() -> String {
    ["\"not a device\"", "42", "null", "true", "[1,2]", "\"\\u00e9t\\u00e9\""][below(6)]
  }

  /// A value for a text field: text most often, sometimes another type. Numbers are integers:
  /// a number in a text field is kept as written, where Foundation rewrites `1E+2` as `100`.
  private mutating func fieldValue() -> String {
    switch below(10) {
    case 0: integer()
    case 1: "null"
    case 2: chance(0.5) ? "true" : "false"
    case 3: chance(0.5) ? "[" + value(depth: 1) + "]" : "{\"x\":" + value(depth: 1) + "}"
    default: string()
    }
  }

  private mutating func value(depth: Int) -> String {
    switch depth > 4 ? below(4) : below(7) {
    case 0: return string()
    case 1: return integer()
    case 2: return ["true", "false", "null", "-1.25e-3", "0.5", "1E+2"][below(6)]
    case 3: return "\"\(below(10))\""
    case 4:
      return "[" + (0..<below(4)).map { _ in value(depth: depth + 1) }.joined(separator: separator(",")) + "]"
    default:
      return "{"
        + (0..<below(4)).map { index in member("k\(index)", value(depth: depth + 1)) }.joined(
          separator: separator(","))
        + "}"
    }
  }

  /// A JSON string: plain, with escapes, raw non-ASCII, surrogate pairs, or longer than the limit.
  private mutating func string() -> String {
    let pieces = [
      "abc", "Model-A", "Sierra Wireless", " ", "\\n", "\\\"", "\\\\", "\\/", "\\t", "\\u00e9", "\\u6771",
      "\\ud83d\\ude00", "é", "東京", "😀", "=1+1", "2018-03-03 00:28:33.152 +0000 UTC", "01/01/1900 0:0:0",
      "\\u0000", "\\u001f",
    ]
    var text = ""
    let count = chance(0.05) ? 300 + below(400) : below(6)
    for _ in 0..<count { text += pieces[below(pieces.count)] }
    return "\"" + text + "\""
  }

  private mutating func integer() -> String {
    let value = Int64(bitPattern: random.next()) >> Int64(below(60))
    return value == 0 ? "0" : String(value)
  }

  private mutating func member(_ key: String, _ value: String) -> String {
    "\"" + key + "\"" + space() + ":" + space() + value
  }

  private mutating func separator(_ text: String) -> String { space() + text + space() }

  private mutating func space() -> String {
    chance(0.8) ? "" : [" ", "\n", "\t", "\r\n  "][below(4)]
  }

  private mutating func shuffle(_ items: inout [String]) {
    guard items.count > 1 else { return }
    for index in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(index, below(index + 1)) }
  }

  private mutating func chance(_ probability: Double) -> Bool { random.chance(probability) }

  private mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : random.below(bound) }
}

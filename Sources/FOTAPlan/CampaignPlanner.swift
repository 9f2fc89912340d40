import FOTAModel
import ThingSpaceAPI

/// Splits each cohort into phases and request files for `POST /api/fota/v1/upgrades`.
///
/// Phases are cumulative percentages of the cohort (`1,10,50,100`); the first phase always holds
/// at least one device (the canary); a phase left empty by rounding is skipped. Each phase gets
/// its own window of `windowDays` days, one after the other from `windowStart`, and is cut into
/// files of at most `maxDevicesPerRequest` devices.
public struct CampaignPlanner: Sendable {
  public var account: String
  public var phases: [Int]
  public var maxDevicesPerRequest: Int
  /// The first window's first day, as days since 1970.
  public var windowStart: Int64
  public var windowDays: Int

  /// One request body and where it goes.
  public struct Request: Sendable, Equatable {
    public var file: String
    public var cohort: Cohort
    public var phase: Int
    public var phaseCount: Int
    public var part: Int
    public var body: UpgradeRequest
  }

  public init(account: String, phases: [Int], maxDevicesPerRequest: Int, windowStart: Int64, windowDays: Int)
  {
    self.account = account
    self.phases = phases
    self.maxDevicesPerRequest = maxDevicesPerRequest
    self.windowStart = windowStart
    self.windowDays = windowDays
  }

  /// Checks `phases`: increasing cumulative percentages from 1 to 100, ending at 100.
  public static func validate(phases: [Int]) -> String? {
    guard !phases.isEmpty else { return "give at least one phase" }
    guard phases.allSatisfy({ (1...100).contains($0) }) else { return "phases are percentages from 1 to 100" }
    guard zip(phases, phases.dropFirst()).allSatisfy({ $0 < $1 }) else { return "phases must increase" }
    guard phases.last == 100 else { return "the last phase must be 100" }
    return nil
  }

  /// The device counts per phase for a cohort of `count` devices (cumulative ends).
  public func phaseEnds(count: Int) -> [Int] {
    var ends: [Int] = []
    for percent in phases {
      var end = (percent * count + 99) / 100
      if ends.isEmpty { end = max(end, min(1, count)) }
      ends.append(min(max(end, ends.last ?? 0), count))
    }
    return ends
  }

  /// Every request of every cohort.
  public func requests(for plan: UpgradePlan) -> [Request] {
    var requests: [Request] = []
    for (cohort, devices) in plan.sortedCohorts {
      let folder = Self.slug(cohort)
      var start = 0
      for (index, end) in phaseEnds(count: devices.count).enumerated() where end > start {
        let phaseDevices = Array(devices[start..<end])
        start = end
        let first = windowStart + Int64(index * windowDays)
        let startDate = CivilCalendar.isoDate(milliseconds: first * CivilCalendar.millisecondsPerDay)
        let endDate = CivilCalendar.isoDate(
          milliseconds: (first + Int64(windowDays - 1)) * CivilCalendar.millisecondsPerDay)
        for (part, offset) in stride(from: 0, to: phaseDevices.count, by: maxDevicesPerRequest).enumerated() {
          let slice = Array(phaseDevices[offset..<min(offset + maxDevicesPerRequest, phaseDevices.count)])
          requests.append(
            Request(
              file: "campaigns/\(folder)/phase-\(index + 1)-part-\(part + 1).json", cohort: cohort,
              phase: index + 1, phaseCount: phases.count, part: part + 1,
              body: UpgradeRequest(
                accountName: account, firmwareName: cohort.firmwareName, firmwareTo: cohort.firmwareTo,
                startDate: startDate, endDate: endDate, deviceList: slice)))
        }
      }
    }
    return requests
  }

  /// A file-system-safe, unique folder name for a cohort, starting with a letter or a digit.
  static func slug(_ cohort: Cohort) -> String {
    let raw = "\(cohort.model.make)-\(cohort.model.model)-\(cohort.firmwareName)"
    var readable = ""
    for scalar in raw.unicodeScalars {
      let safe =
        (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
        || (scalar >= "0" && scalar <= "9")
        || scalar == "." || scalar == "-"
      readable += safe ? String(scalar) : "_"
    }
    while readable.contains("__") { readable = readable.replacing("__", with: "_") }
    // A name that starts with a letter or a digit: never hidden, never an option, never a formula.
    while let first = readable.first, !first.isLetter, !first.isNumber { readable.removeFirst() }
    if readable.isEmpty { readable = "cohort" }
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte
      in "\(cohort.model.make)\u{1F}\(cohort.model.model)\u{1F}\(cohort.firmwareName)\u{1F}\(cohort.firmwareTo)"
      .utf8
    {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    let suffix = String(hash & 0xFFFF_FFFF, radix: 16)
    return String(readable.prefix(60)) + "-" + String(repeating: "0", count: 8 - suffix.count) + suffix
  }
}

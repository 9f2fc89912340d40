import FOTAFleet
import Foundation
import ThingSpaceAPI

/// The simulator's mutable state: issued tokens and request counters.
actor SimulatorState {
  private var bearers: [String: Int] = [:]
  private var sessions: [String: Int] = [:]
  /// The user each session token was issued to.
  private var sessionUsers: [String: String] = [:]
  private var issued = 0
  private(set) var statistics = SimulatorStatistics()

  init(configuration: SimulatorConfiguration) {
    if let preset = configuration.presetTokens {
      bearers[preset.bearer] = configuration.tokenTTL ?? .max
      sessions[preset.session] = configuration.sessionTTL ?? .max
      sessionUsers[preset.session] = configuration.credentials.username
    }
  }

  /// Counts a token request and issues a new bearer token when `accepted`.
  func tokenRequest(accepted: Bool, ttl: Int?) -> String? {
    statistics.tokenRequests += 1
    guard accepted else { return nil }
    issued += 1
    let token = "sim-bearer-\(issued)-\(UUID().uuidString.prefix(8))"
    bearers[token] = ttl ?? .max
    statistics.issuedTokens.append(token)
    return token
  }

  /// Counts a session login and issues a session token for `user` when `accepted`.
  func sessionLogin(accepted: Bool, ttl: Int?, user: String = "") -> String? {
    statistics.sessionLogins += 1
    guard accepted else { return nil }
    issued += 1
    let token = "sim-session-\(issued)-\(UUID().uuidString.prefix(8))"
    sessions[token] = ttl ?? .max
    sessionUsers[token] = user
    statistics.issuedTokens.append(token)
    return token
  }

  /// The user a session token was issued to.
  func user(ofSession token: String) -> String? {
    sessionUsers[token]
  }

  /// True when the bearer token is known and not worn out; does not use it up.
  func isValidBearer(_ token: String) -> Bool {
    (bearers[token] ?? 0) > 0
  }

  private var dataRequests = 0

  /// Counts a data request (device list, firmware list, license pool) and returns its 1-based
  /// number, which the faults fire on.
  func nextDataRequest(deviceList: Bool) -> Int {
    dataRequests += 1
    if deviceList { statistics.deviceListRequests += 1 } else { statistics.planningRequests += 1 }
    return dataRequests
  }

  /// Spends one use of each token; tells which one, if any, is invalid or expired.
  func authorise(bearer: String, session: String) -> Authorisation {
    guard let bearerUses = bearers[bearer], bearerUses > 0 else { return .invalidBearer }
    guard let sessionUses = sessions[session] else { return .unknownSession }
    guard sessionUses > 0 else { return .expiredSession }
    bearers[bearer] = bearerUses - 1
    sessions[session] = sessionUses - 1
    return .authorised
  }

  private var inFlight = 0

  /// Counts a device-list request being answered, for the most ever answered at once.
  func beginRequest() {
    inFlight += 1
    statistics.mostDeviceListRequestsAtOnce = max(statistics.mostDeviceListRequestsAtOnce, inFlight)
  }

  /// Counts a device-list request answered.
  func endRequest() {
    inFlight -= 1
  }

  func recordFault(_ name: String) {
    statistics.faults[name, default: 0] += 1
  }

  private var licenseSummaries: [String: Data] = [:]

  /// The license pool's body of the configuration's account, made once (it walks the whole fleet).
  func licenses(_ configuration: SimulatorConfiguration) -> Data {
    if let made = licenseSummaries[configuration.fleet.account] { return made }
    let body = configuration.fleet.licenseSummaryBody(night: configuration.night)
    licenseSummaries[configuration.fleet.account] = body
    return body
  }

  /// Each account's upgrade-report pages by status.
  private var upgradeReportPages: [String: [String: [Data]]] = [:]

  /// One page of the upgrade reports, or `nil` for an unknown status or index; every page is
  /// made on the first request (it walks the whole fleet).
  func upgradeReport(_ configuration: SimulatorConfiguration, status: String, startIndex: String) -> Data? {
    let account = configuration.fleet.account
    if upgradeReportPages[account] == nil {
      var made: [String: [Data]] = [:]
      for (status, pages) in configuration.fleet.upgradeReports(night: configuration.night) {
        made[status] = pages.map(SyntheticFleet.json)
      }
      upgradeReportPages[account] = made
    }
    guard let pages = upgradeReportPages[account]?[status], let start = Int(startIndex), start >= 0,
      start % SyntheticFleet.upgradesPerPage == 0, start / SyntheticFleet.upgradesPerPage < pages.count
    else { return nil }
    return pages[start / SyntheticFleet.upgradesPerPage]
  }

  func recordPage() {
    statistics.pagesServed += 1
  }

  enum Authorisation {
    case authorised, invalidBearer, unknownSession, expiredSession
  }
}

import FOTAFleet

/// How the simulated ThingSpace behaves: its fleet, its credentials and its faults.
///
/// Every fault is deterministic: it fires on every Nth data request (device list, firmware list,
/// license pool), counting all of them.
public struct SimulatorConfiguration: Sendable {
  /// The account and its devices.
  public var fleet: SyntheticFleet
  /// Which night of the fleet to serve: 0 is the first; later nights bring upgrades, new and
  /// removed devices, license and eligibility flips.
  public var night = 0
  /// Delay before each device-list answer.
  public var latency: Duration = .zero
  /// Every Nth device-list request answers HTTP 500 with an error body.
  public var failEvery: Int?
  /// Every Nth device-list request answers HTTP 429 with `Retry-After`.
  public var rateLimitEvery: Int?
  /// The `Retry-After` seconds sent with a 429.
  public var retryAfterSeconds = 1
  /// Every Nth device-list request is cut off halfway through its body.
  public var dropEvery: Int?
  /// Device-list requests a bearer token serves before the gateway rejects it as invalid.
  public var tokenTTL: Int?
  /// Device-list requests a session token serves before it expires.
  public var sessionTTL: Int?
  /// From this device-list request on, `lastSeenDeviceId` repeats the request's `startIndex`.
  public var stallCursorFrom: Int?
  /// Every Nth device-list request answers `302 Found` to this URL (another host, say).
  public var redirect: (every: Int, location: String)?
  /// Answer the token request with `302 Found` to `redirect`'s location, as a hijacked gateway might.
  public var redirectLogin = false
  /// Every Nth device-list request answers HTTP 500 with the request's own tokens in the error
  /// text, as a careless or hostile server might.
  public var echoCredentialsEvery: Int?
  /// Every Nth device-list answer calls its device list `devices`: a 200 that is not a page.
  public var renameDeviceListEvery: Int?
  /// Every upgrade-report answer broken in this way (a gateway or API fault that retrying does
  /// not cure).
  public var brokenUpgradeReports: BrokenUpgradeReport?
  /// Endpoints whose every answer is slow: a stalled head or a trickling body.
  public var slowAnswers: [SlowAnswer.Endpoint: SlowAnswer] = [:]
  /// How `lastSeenDeviceId` is written.
  public var cursorStyle: CursorStyle = .alternating
  /// The credentials the token and login endpoints accept.
  public var credentials = SimulatorCredentials.demo
  /// Tokens accepted without logging in (as if issued earlier), if any.
  public var presetTokens: (bearer: String, session: String)?
  /// IMEIs that have left the account: not listed, and refused as `startIndex`.
  public var removedIMEIs: Set<String> = []
  /// Further accounts served beside `fleet`'s, each read only by its own user.
  public var otherAccounts: [SimulatedAccount] = []

  /// Every user the token and login endpoints accept: `credentials`, then the other accounts'.
  var users: [SimulatorCredentials] {
    var users = [credentials]
    for account in otherAccounts where !users.contains(account.credentials) {
      users.append(account.credentials)
    }
    return users
  }

  /// The configuration that serves `account`: this one for `fleet`'s, another account's fleet and
  /// user (with the same faults) for it; `nil` for an account it does not serve.
  func serving(_ account: String) -> SimulatorConfiguration? {
    if account == fleet.account { return self }
    guard let other = otherAccounts.first(where: { $0.fleet.account == account }) else { return nil }
    var configuration = self
    configuration.fleet = other.fleet
    configuration.credentials = other.credentials
    configuration.removedIMEIs = []
    return configuration
  }

  /// Creates a configuration for `fleet`, without faults.
  public init(fleet: SyntheticFleet) {
    self.fleet = fleet
  }
}

/// A way an upgrade-report answer can be broken while still saying 200 OK.
public enum BrokenUpgradeReport: String, Sendable, CaseIterable {
  /// An HTML error page instead of JSON.
  case notJSON
  /// JSON without `reportList`.
  case noReportList
  /// Every page says more follow after the same cursor: the pages would loop.
  case repeatedCursor
  /// The upgrades belong to another account.
  case otherAccount
}

/// What the simulator has been asked, for tests and logs.
public struct SimulatorStatistics: Sendable, Equatable {
  public var tokenRequests = 0
  public var sessionLogins = 0
  public var deviceListRequests = 0
  /// Firmware-list and license requests.
  public var planningRequests = 0
  /// Device-list requests answered with a page.
  public var pagesServed = 0
  /// The most device-list requests being answered at once (the latency included).
  public var mostDeviceListRequestsAtOnce = 0
  /// Faults injected, by name.
  public var faults: [String: Int] = [:]
  /// Every bearer and session token issued, so tests can look for them where they must not be.
  public var issuedTokens: [String] = []

  /// Creates empty statistics.
  public init() {}
}

import AsyncHTTPClient
import FOTAFleet
import FOTAModel
import Foundation
import Logging
import ThingSpaceAPI

/// Where a night's pages come from, and how that source is opened.
public enum NightSource: Sendable, Equatable {
  /// Saved response bodies: every `*.json` file of a directory, in file-name order.
  case pages(directory: URL)
  /// The built-in synthetic fleet as it looks `night` nights on, read in process.
  case demo(seed: UInt64, devices: Int, night: Int = 0)
  /// The ThingSpace API (or anything that speaks it) at `baseURL`.
  case api(baseURL: URL, account: String, credentials: ThingSpaceCredentials)

  /// The account the pages will belong to, when it is known before the first page.
  public var account: String? {
    switch self {
    case .pages: nil
    case .demo: SyntheticFleet.defaultAccount
    case .api(_, let account, _): account
    }
  }

  /// The instant the night is dated at when `--as-of` is not given: the demo fleet's night K is
  /// K days after its night 0 (2026-11-01, the instant its upgrade times lead up to); `nil` for the
  /// other sources, which are dated now.
  public var datedNight: Int64? {
    guard case .demo(_, _, let night) = self else { return nil }
    return SyntheticFleet.epoch + Int64(night) * CivilCalendar.millisecondsPerDay
  }

  /// Opens the source for the length of `body`: for the API, over an HTTP client of its own that
  /// never follows redirects, shut down afterwards; walked in `ranges` at once when given, its
  /// pages waiting in `scratch`; logging in through `sharedLogins` when given.
  public func open<Result>(
    clientType: ClientType?, retryPolicy: RetryPolicy, redactor: SecretRedactor, logger: Logger,
    ranges: RangePlan? = nil, scratch: URL? = nil, sharedLogins: SharedLogins? = nil,
    _ body: (inout any DevicePageSource) async throws -> Result
  ) async throws -> Result {
    switch self {
    case .pages(let directory):
      var source: any DevicePageSource = try PageDirectorySource(directory: directory)
      return try await body(&source)
    case .demo(let seed, let devices, let night):
      var source: any DevicePageSource = FleetPageSource(
        fleet: SyntheticFleet(seed: seed, deviceCount: devices), night: night, clientType: clientType)
      return try await body(&source)
    case .api(let baseURL, let account, let credentials):
      let parallel = ranges?.parallel ?? 1
      return try await HTTPClient.withHTTPClient(
        configuration: ThingSpaceClient.httpConfiguration(connections: parallel, policy: retryPolicy)
      ) { http in
        let gate = RequestGate(limit: parallel)
        let client = ThingSpaceClient(
          baseURL: baseURL, credentials: credentials, policy: retryPolicy, logger: logger, redactor: redactor,
          httpClient: http, gate: gate, sharedLogins: sharedLogins)
        if let ranges, let scratch {
          return try await ParallelWalk.collecting(
            client: client, gate: gate, account: account, clientType: clientType, plan: ranges,
            scratch: scratch,
            logger: logger, body)
        }
        var source: any DevicePageSource = HTTPPageSource(
          client: client, account: account, clientType: clientType)
        return try await body(&source)
      }
    }
  }
}

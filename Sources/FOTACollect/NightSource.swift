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

  /// Opens the source for the length of `body`: for the API, over an HTTP client of its own that
  /// never follows redirects, shut down afterwards.
  public func open<Result>(
    clientType: ClientType?, retryPolicy: RetryPolicy, redactor: SecretRedactor, logger: Logger,
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
      return try await HTTPClient.withHTTPClient(configuration: ThingSpaceClient.httpConfiguration) { http in
        let client = ThingSpaceClient(
          baseURL: baseURL, credentials: credentials, policy: retryPolicy, logger: logger, redactor: redactor,
          httpClient: http)
        var source: any DevicePageSource = HTTPPageSource(
          client: client, account: account, clientType: clientType)
        return try await body(&source)
      }
    }
  }
}

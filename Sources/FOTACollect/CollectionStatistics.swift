/// What collecting over HTTP took: requests, retries and re-authentications.
public struct CollectionStatistics: Sendable, Equatable, Codable {
  /// HTTP requests sent for device-list pages, retries included.
  public var requests = 0
  /// Retries, by cause.
  public var retries: [RetryCause: Int] = [:]
  /// Bearer tokens renewed after the gateway rejected one.
  public var bearerRenewals = 0
  /// Sessions renewed after one expired.
  public var sessionRenewals = 0
  /// Logins performed (token plus session), the first included.
  public var logins = 0

  /// Creates empty statistics.
  public init() {}

  /// Every retry, whatever the cause.
  public var totalRetries: Int { retries.values.reduce(0, +) }

  /// Re-authentications of either kind.
  public var reauthentications: Int { bearerRenewals + sessionRenewals }
}

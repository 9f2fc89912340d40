/// What collecting over HTTP took: requests, retries by cause, re-authentications and logins.
public struct HTTPFigures: Sendable, Equatable, Codable {
  /// Data requests sent (device-list pages, firmware list, license pool), retries included.
  public var requests = 0
  /// Retries by cause, every cause present (`server-error`, `rate-limited`, `connection`,
  /// `timeout`, `truncated-body`, `invalid-body`).
  public var retries: [String: Int] = Dictionary(
    uniqueKeysWithValues: RetryCause.allCases.map { ($0.rawValue, 0) })
  /// Bearer tokens renewed after the gateway rejected one.
  public var bearerRenewals = 0
  /// Sessions renewed after one expired.
  public var sessionRenewals = 0
  /// Logins performed (token plus session), the first included.
  public var logins = 0

  /// Creates empty figures.
  public init() {}

  /// Counts one retry.
  public mutating func countRetry(_ cause: RetryCause) {
    retries[cause.rawValue, default: 0] += 1
  }

  /// Retries of one cause.
  public func retries(_ cause: RetryCause) -> Int { retries[cause.rawValue] ?? 0 }

  /// Every retry, whatever the cause.
  public var totalRetries: Int { retries.values.reduce(0, +) }

  /// Re-authentications of either kind.
  public var reauthentications: Int { bearerRenewals + sessionRenewals }

  /// Retries as `server-error 2, rate-limited 1`, or `none`.
  public var retriesSummary: String {
    let parts = retries.sorted { $0.key < $1.key }.filter { $0.value > 0 }.map { "\($0.key) \($0.value)" }
    return parts.isEmpty ? "none" : parts.joined(separator: ", ")
  }
}

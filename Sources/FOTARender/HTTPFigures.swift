/// What collecting over HTTP took, as the reports show it.
public struct HTTPFigures: Sendable, Equatable, Codable {
  /// Device-list requests sent, retries included.
  public var requests: Int
  /// Retries by cause (`server-error`, `rate-limited`, `connection`, `timeout`, `truncated-body`,
  /// `invalid-json`).
  public var retries: [String: Int]
  /// Bearer tokens renewed after the gateway rejected one.
  public var bearerRenewals: Int
  /// Sessions renewed after one expired.
  public var sessionRenewals: Int

  /// Creates the figures.
  public init(requests: Int, retries: [String: Int], bearerRenewals: Int, sessionRenewals: Int) {
    self.requests = requests
    self.retries = retries
    self.bearerRenewals = bearerRenewals
    self.sessionRenewals = sessionRenewals
  }

  /// Every retry, whatever the cause.
  public var totalRetries: Int { retries.values.reduce(0, +) }

  /// Retries as `server-error 2, rate-limited 1`, or `none`.
  public var retriesSummary: String {
    let parts = retries.sorted { $0.key < $1.key }.filter { $0.value > 0 }.map { "\($0.key) \($0.value)" }
    return parts.isEmpty ? "none" : parts.joined(separator: ", ")
  }
}

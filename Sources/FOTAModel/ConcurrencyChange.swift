/// A change of how many requests a parallel collection sends at once.
public struct ConcurrencyChange: Sendable, Equatable, Codable {
  /// Requests sent before the change.
  public var afterRequest: Int
  public var from: Int
  public var to: Int
  /// Why: `rate-limited` (HTTP 429).
  public var reason: String

  public init(afterRequest: Int, from: Int, to: Int, reason: String) {
    self.afterRequest = afterRequest
    self.from = from
    self.to = to
    self.reason = reason
  }
}

/// The answer of `POST /api/m2m/v1/session/login`.
public struct SessionLoginResponse: Sendable, Hashable, Codable {
  public var sessionToken: String

  /// Creates a login answer.
  public init(sessionToken: String) {
    self.sessionToken = sessionToken
  }
}

/// The body of `POST /api/m2m/v1/session/login`.
public struct SessionLoginRequest: Sendable, Hashable, Codable {
  public var username: String
  public var password: String

  /// Creates a login request.
  public init(username: String, password: String) {
    self.username = username
    self.password = password
  }
}

/// The answer of `POST /api/ts/v1/oauth2/token` (client credentials).
public struct OAuthToken: Sendable, Hashable, Codable {
  public var accessToken: String
  public var tokenType: String?
  public var expiresIn: Int?
  public var scope: String?

  /// Creates a token answer.
  public init(
    accessToken: String, tokenType: String? = "bearer", expiresIn: Int? = 3600, scope: String? = nil
  ) {
    self.accessToken = accessToken
    self.tokenType = tokenType
    self.expiresIn = expiresIn
    self.scope = scope
  }

  enum CodingKeys: String, CodingKey {
    case accessToken = "access_token"
    case tokenType = "token_type"
    case expiresIn = "expires_in"
    case scope
  }
}

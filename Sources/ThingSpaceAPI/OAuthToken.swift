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

  /// Decodes leniently: only `access_token` must be there; the rest is informational.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    accessToken = try container.decode(String.self, forKey: .accessToken)
    tokenType = container.wireValue(forKey: .tokenType).text
    expiresIn = container.wireValue(forKey: .expiresIn).text.flatMap { Int($0) }
    scope = container.wireValue(forKey: .scope).text
  }
}

/// How the job authenticates, read from the environment only.
public enum ThingSpaceCredentials: Sendable, Hashable {
  /// Tokens obtained elsewhere, used as they are and never renewed.
  case tokens(bearer: String, session: String)
  /// Credentials to log in with: OAuth2 client credentials, then a Connectivity session.
  case login(clientId: String, clientSecret: String, username: String, password: String)

  /// The variables for static tokens.
  public static let tokenVariables = ["THINGSPACE_BEARER_TOKEN", "THINGSPACE_SESSION_TOKEN"]
  /// The variables for logging in.
  public static let loginVariables = [
    "THINGSPACE_CLIENT_ID", "THINGSPACE_CLIENT_SECRET", "THINGSPACE_USERNAME", "THINGSPACE_PASSWORD",
  ]

  /// Reads credentials from `environment`: both tokens, or all four login variables.
  /// `nil` when neither set is complete.
  public static func fromEnvironment(_ environment: [String: String]) -> ThingSpaceCredentials? {
    func value(_ name: String) -> String? {
      environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
    if let bearer = value(tokenVariables[0]), let session = value(tokenVariables[1]) {
      return .tokens(bearer: bearer, session: session)
    }
    let login = loginVariables.compactMap(value)
    guard login.count == 4 else { return nil }
    return .login(clientId: login[0], clientSecret: login[1], username: login[2], password: login[3])
  }

  /// Every secret value, so messages can be scrubbed of them.
  public var secrets: [String] {
    switch self {
    case .tokens(let bearer, let session): [bearer, session]
    case .login(let clientId, let clientSecret, let username, let password):
      [clientSecret, password, clientId, username]
    }
  }

  /// Whether expired tokens can be replaced.
  public var canRenew: Bool {
    if case .login = self { return true }
    return false
  }
}

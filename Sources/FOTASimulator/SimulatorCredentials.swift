/// The client id and secret, user name and password the simulator accepts.
public struct SimulatorCredentials: Sendable, Equatable {
  public var clientId: String
  public var clientSecret: String
  public var username: String
  public var password: String

  /// Creates credentials.
  public init(clientId: String, clientSecret: String, username: String, password: String) {
    self.clientId = clientId
    self.clientSecret = clientSecret
    self.username = username
    self.password = password
  }

  /// The demo's built-in credentials: not secret, known to `run --demo`.
  public static let demo = SimulatorCredentials(
    clientId: "demo-client", clientSecret: "demo-secret", username: "demo-user",
    password: "demo-password")
}

import FOTAFleet

/// A further account the simulator serves beside its configuration's fleet: its own devices, and
/// the credentials of the user who may read it.
public struct SimulatedAccount: Sendable {
  /// The account and its devices.
  public var fleet: SyntheticFleet
  /// The user who may read it; the same credentials may serve several accounts.
  public var credentials: SimulatorCredentials

  /// Creates an account.
  public init(fleet: SyntheticFleet, credentials: SimulatorCredentials) {
    self.fleet = fleet
    self.credentials = credentials
  }

  /// The `number`th account of a demo of many (2, 3, …): account `0242078698-0000N` (its number
  /// in the last digits), the fleet of seed `seed + N - 1`, and credentials of its own.
  public static func demo(number: Int, seed: UInt64, devices: Int) -> SimulatedAccount {
    let suffix = String(number)
    let account = "0242078698-" + String(repeating: "0", count: max(0, 5 - suffix.count)) + suffix
    return SimulatedAccount(
      fleet: SyntheticFleet(seed: seed + UInt64(number - 1), deviceCount: devices, account: account),
      credentials: SimulatorCredentials(
        clientId: "demo-client-\(number)", clientSecret: "demo-secret-\(number)",
        username: "demo-user-\(number)",
        password: "demo-password-\(number)"))
  }
}

/// The way on from one firmware of a model: the next hop and where the path ends.
public struct FirmwarePath: Sendable, Hashable {
  /// The version after the next upgrade.
  public var nextFirmware: String
  /// The `firmwareName` to schedule for the next upgrade.
  public var firmwareName: String
  /// The newest version reachable by following paths.
  public var newestFirmware: String
  /// Upgrades needed to reach it.
  public var hops: Int

  public init(nextFirmware: String, firmwareName: String, newestFirmware: String, hops: Int) {
    self.nextFirmware = nextFirmware
    self.firmwareName = firmwareName
    self.newestFirmware = newestFirmware
    self.hops = hops
  }
}

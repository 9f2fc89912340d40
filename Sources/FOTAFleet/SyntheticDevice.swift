/// One `deviceList` element of the synthetic fleet, exactly as it is served.
public struct SyntheticDevice: Sendable, Hashable {
  /// The IMEI the record carries (a duplicate carries its neighbour's), or empty when it has none.
  public var deviceId: String
  /// The reported client type, for the API's `clientType` filter; `nil` when not reported.
  public var clientType: String?
  /// Whether the record says a license is assigned (`true` or `"TRUE"`), for the license pool.
  public var licensed = false
  /// The element's JSON text.
  public var json: String
  /// What the fleet's upgrade reports are made from: the device's line, its firmware and the
  /// versions before and after it on the line (`nil` at either end).
  public var make = ""
  public var model = ""
  public var firmware = ""
  public var previousFirmware: String?
  public var nextFirmware: String?
}

/// The device-management protocol filter the API accepts as `clientType`.
public enum ClientType: String, Sendable, CaseIterable, Codable {
  case omadm = "OMADM"
  case lwm2m = "LWM2M"

  /// True when a device's reported client type matches this filter, as the API filters.
  public func matches(_ reported: String) -> Bool {
    reported.trimmingASCIIWhitespace().uppercased() == rawValue
  }
}

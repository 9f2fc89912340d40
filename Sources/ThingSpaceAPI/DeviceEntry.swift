/// One element of `deviceList`: a device object, or something that is not one.
public enum DeviceEntry: Sendable, Hashable {
  /// A JSON object, decoded leniently.
  case device(WireDevice)
  /// Anything else (a string, a number, an array, `null`), described by its JSON type.
  case malformed(String)
}

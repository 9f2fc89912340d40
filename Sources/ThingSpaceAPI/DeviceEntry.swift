/// One element of `deviceList`: a device object, or something that is not one.
public enum DeviceEntry: Sendable, Hashable {
  /// A JSON object, decoded leniently.
  case device(WireDevice)
  /// Anything else (a string, a number, an array, `null`), described by its JSON type.
  case malformed(String)
}

extension DeviceEntry: Decodable {
  /// Never throws for a well-formed JSON value: a non-object becomes `.malformed`.
  public init(from decoder: any Decoder) throws {
    if let device = try? WireDevice(from: decoder) {
      self = .device(device)
      return
    }
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .malformed("null")
    } else if let text = try? container.decode(String.self) {
      self = .malformed("string \(text.prefix(40).debugDescription)")
    } else if (try? container.decode(Bool.self)) != nil {
      self = .malformed("boolean")
    } else if (try? container.decode(Double.self)) != nil {
      self = .malformed("number")
    } else {
      self = .malformed("array")
    }
  }
}

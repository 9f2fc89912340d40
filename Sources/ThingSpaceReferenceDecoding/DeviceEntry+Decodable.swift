import ThingSpaceAPI

/// One element of `deviceList` read by Foundation's `JSONDecoder`, for the reference decoder.
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

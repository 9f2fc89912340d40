/// Why a body is not a device-list page; the page is then retried (over HTTP) or the run fails.
public enum DeviceListDecodingError: Error, Equatable, CustomStringConvertible {
  /// Nothing but white space.
  case empty
  /// The body ends in the middle of a value: it was cut short.
  case cutShort(byte: Int)
  /// A byte the JSON grammar does not allow there.
  case unexpected(byte: Int, expected: String)
  /// Containers nested deeper than the decoder follows.
  case tooDeep(byte: Int)
  /// More than white space after the document.
  case trailingData(byte: Int)
  /// JSON, but not an object.
  case notAnObject
  /// An object without a `deviceList` array: what it holds instead.
  case noDeviceList(found: String)
  /// A body larger than any page.
  case tooLarge(bytes: Int)

  /// One line for messages.
  public var description: String {
    switch self {
    case .empty: "the body is empty"
    case .cutShort(let byte): "the body ends at byte \(byte) in the middle of a value (cut short)"
    case .unexpected(let byte, let expected): "not valid JSON at byte \(byte): expected \(expected)"
    case .tooDeep(let byte):
      "not valid JSON at byte \(byte): nested deeper than \(JSONByteReader.maximumDepth) levels"
    case .trailingData(let byte): "not valid JSON at byte \(byte): more data after the end of the object"
    case .notAnObject: "the body is not a JSON object"
    case .noDeviceList(let found): "deviceList is \(found), not an array of devices"
    case .tooLarge(let bytes):
      "the body is \(bytes) bytes, more than the \(DeviceListDecoder.maximumBodyBytes >> 20) MiB a page may be"
    }
  }
}

/// An error body in any of the three shapes ThingSpace's services answer with.
///
/// - FOTA and Connectivity: `{"errorCode": "...", "errorMessage": "..."}`
/// - the API gateway: `{"fault": {"code": "900901", "message": "...", "description": "..."}}`
/// - OAuth and Cloud Connector: `{"error": "...", "error_description": "..."}`
public struct APIErrorBody: Sendable, Hashable, Codable {
  /// The error's code, as sent.
  public var code: String
  /// The error's text, as sent.
  public var message: String

  /// Creates a body.
  public init(code: String, message: String) {
    self.code = code
    self.message = message
  }

  /// True for the gateway's invalid or expired bearer token fault.
  public var isInvalidBearer: Bool { code == "900901" || code == "900902" }

  /// True for an expired `VZ-M2M-Token` (the code arrives with a service prefix).
  public var isExpiredSession: Bool { code.contains("SessionToken.Expired") }

  /// `CODE: message`, or whichever of the two is present.
  public var summary: String {
    switch (code.isEmpty, message.isEmpty) {
    case (false, false): "\(code): \(message)"
    case (false, true): code
    case (true, false): message
    case (true, true): "no error details"
    }
  }

  enum Keys: String, CodingKey {
    case errorCode, errorMessage, fault, code, message, description, error
    case errorDescription = "error_description"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Keys.self)
    if let fault = try? container.nestedContainer(keyedBy: Keys.self, forKey: .fault) {
      code = fault.wireValue(forKey: .code).text ?? ""
      let message = fault.wireValue(forKey: .message).text ?? ""
      let description = fault.wireValue(forKey: .description).text ?? ""
      self.message = [message, description].filter { !$0.isEmpty }.joined(separator: " — ")
    } else if container.contains(.errorCode) || container.contains(.errorMessage) {
      code = container.wireValue(forKey: .errorCode).text ?? ""
      message = container.wireValue(forKey: .errorMessage).text ?? ""
    } else if container.contains(.error) {
      code = container.wireValue(forKey: .error).text ?? ""
      message = container.wireValue(forKey: .errorDescription).text ?? ""
    } else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: [], debugDescription: "not a ThingSpace error body"))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(code, forKey: .errorCode)
    try container.encode(message, forKey: .errorMessage)
  }
}

/// Why a request was retried.
public enum RetryCause: String, Sendable, Codable, DeclarationOrdered {
  case connection
  case timeout
  case serverError = "server-error"
  case rateLimited = "rate-limited"
  case truncatedBody = "truncated-body"
  /// A 200 answer whose body is not the JSON expected (not JSON, or no `deviceList` array).
  case invalidBody = "invalid-body"
}

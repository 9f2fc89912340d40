/// Why a `--base-url` is refused.
public enum BaseURLProblem: Error, Equatable, CustomStringConvertible {
  case notAURL
  case credentialsInURL
  case notARoot
  case cleartext(host: String)

  public var description: String {
    switch self {
    case .notAURL: "--base-url must be an https:// URL such as https://thingspace.verizon.com"
    case .credentialsInURL:
      "--base-url must not hold a user name or password (credentials come from the environment)"
    case .notARoot: "--base-url is the API's origin only, without a path, query or fragment"
    case .cleartext(let host):
      "--base-url must use https:// (credentials never travel in clear text); http:// is allowed only for "
        + "this machine (localhost, 127.0.0.1, ::1), not \(host)"
    }
  }
}

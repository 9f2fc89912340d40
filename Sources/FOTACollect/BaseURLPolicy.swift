import FOTAModel
import Foundation

/// Where credentials may go: only to `--base-url`, and only over TLS unless it is this machine.
public enum BaseURLPolicy {
  /// The URL, or why it is refused.
  public static func check(_ text: String) -> Result<URL, BaseURLProblem> {
    guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
      let host = components.host, !host.isEmpty, let url = components.url
    else { return .failure(.notAURL) }
    guard components.user == nil, components.password == nil else { return .failure(.credentialsInURL) }
    guard components.query == nil, components.fragment == nil,
      components.path.isEmpty || components.path == "/"
    else { return .failure(.notARoot) }
    switch scheme {
    case "https": return .success(url)
    case "http" where LoopbackHost.contains(host): return .success(url)
    case "http": return .failure(.cleartext(host: host))
    default: return .failure(.notAURL)
    }
  }
}

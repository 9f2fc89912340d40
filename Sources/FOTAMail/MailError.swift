import Foundation

/// Why the summary could not be written or delivered. A delivery failure never loses the report.
public enum MailError: Error, Equatable, LocalizedError {
  case invalidAddress(String)
  case noMessage(path: String)
  case sendmailFailed(command: String, detail: String)
  case smtpFailed(server: String, detail: String)

  public var errorDescription: String? {
    switch self {
    case .invalidAddress(let address): "not an e-mail address: \(address.debugDescription)"
    case .noMessage(let path): "no summary.eml in \(path)"
    case .sendmailFailed(let command, let detail): "sending the summary with \(command) failed: \(detail)"
    case .smtpFailed(let server, let detail): "sending the summary through \(server) failed: \(detail)"
    }
  }
}

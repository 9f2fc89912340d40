/// Sends a rendered message to its recipients.
public protocol MailDelivery: Sendable {
  /// Names the delivery in messages (`sendmail`, `smtp://host:25`); never holds a secret.
  var label: String { get }

  /// Delivers `message` (RFC 5322 text) from `from` to `to`.
  func deliver(_ message: String, from: MailAddress, to: [MailAddress]) async throws(MailError)
}

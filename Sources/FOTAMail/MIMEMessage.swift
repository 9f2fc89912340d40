import Foundation

/// A `multipart/mixed` message: a `multipart/alternative` body (plain text and HTML) and
/// attachments, with RFC 5322 headers and lines kept within RFC limits.
public struct MIMEMessage: Sendable {
  /// A file attached to the message.
  public struct Attachment: Sendable {
    public var name: String
    public var contentType: String
    public var data: Data

    public init(name: String, contentType: String, data: Data) {
      self.name = name
      self.contentType = contentType
      self.data = data
    }
  }

  public var from: MailAddress
  public var to: [MailAddress]
  public var subject: String
  public var date: Date
  public var messageID: String
  public var text: String
  public var html: String
  public var attachments: [Attachment]

  public init(
    from: MailAddress, to: [MailAddress], subject: String, date: Date, messageID: String, text: String,
    html: String, attachments: [Attachment]
  ) {
    self.from = from
    self.to = to
    self.subject = subject
    self.date = date
    self.messageID = messageID
    self.text = text
    self.html = html
    self.attachments = attachments
  }

  /// The message as RFC 5322 text with CRLF line ends.
  public var rendered: String {
    let mixed = "fota-mixed-" + messageID.prefix(16).filter { $0.isLetter || $0.isNumber }
    let alternative = "fota-alt-" + messageID.prefix(16).filter { $0.isLetter || $0.isNumber }
    var lines: [String] = [
      "Date: \(Self.rfc5322Date(date))",
      "Message-ID: <\(messageID)>",
      "From: \(from.address)",
      "To: " + to.map(\.address).joined(separator: ",\r\n "),
      "Subject: \(MIMEEncoding.headerValue(subject))",
      "MIME-Version: 1.0",
      "Content-Type: multipart/mixed; boundary=\"\(mixed)\"",
      "",
      "This is a multipart message in MIME format.",
      "",
      "--\(mixed)",
      "Content-Type: multipart/alternative; boundary=\"\(alternative)\"",
      "",
      "--\(alternative)",
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      MIMEEncoding.quotedPrintable(text),
      "--\(alternative)",
      "Content-Type: text/html; charset=UTF-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      MIMEEncoding.quotedPrintable(html),
      "--\(alternative)--",
    ]
    for attachment in attachments {
      lines += [
        "--\(mixed)",
        "Content-Type: \(attachment.contentType); name=\"\(attachment.name)\"",
        "Content-Disposition: attachment; filename=\"\(attachment.name)\"",
        "Content-Transfer-Encoding: base64",
        "",
        MIMEEncoding.base64Lines(attachment.data),
      ]
    }
    lines.append("--\(mixed)--")
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// `Thu, 26 Nov 2026 02:15:00 +0000`.
  static func rfc5322Date(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
    return formatter.string(from: date)
  }
}

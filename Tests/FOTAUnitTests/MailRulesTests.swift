import FOTAMail
import Foundation
import Testing

@Suite("mail rules")
struct MailRulesTests {
  @Test(
    "an address with any control character is refused",
    arguments: [
      "fleet@example.com\r\nBcc: all@example.com", "fleet@example.com\u{0}", "\u{1}fleet@example.com",
      "fleet@exa\u{7F}mple.com", "fleet@example.com\n", "\tfleet@example.com",
    ])
  func controlCharacters(address: String) {
    #expect(throws: MailError.invalidAddress(address)) { try MailAddress(address) }
  }

  @Test("a subject made from hostile data stays one header")
  func subjectInjection() throws {
    let message = MIMEMessage(
      from: try MailAddress("fota@example.com"), to: [try MailAddress("fleet@example.com")],
      subject: "[FOTA] 0242\r\nBcc: all@example.com\r\n\r\nbody: 71.2% ready",
      date: Date(timeIntervalSince1970: 0),
      messageID: "id@fota-report", text: "text", html: "<p>html</p>", attachments: [])
    let headers = message.rendered.components(separatedBy: "\r\n\r\n")[0]
    let names = headers.components(separatedBy: "\r\n").filter { !$0.hasPrefix(" ") }.compactMap {
      $0.split(separator: ":").first.map(String.init)
    }
    #expect(names == ["Date", "Message-ID", "From", "To", "Subject", "MIME-Version", "Content-Type"])
    #expect(!headers.contains("Bcc"))
  }

  @Test("AUTH goes over TLS, or in clear text to this machine only")
  func authOnlyOverTLS() {
    #expect(SMTPDelivery.mayAuthenticate(encrypted: true, host: "mail.example.com"))
    #expect(SMTPDelivery.mayAuthenticate(encrypted: false, host: "127.0.0.1"))
    #expect(!SMTPDelivery.mayAuthenticate(encrypted: false, host: "mail.example.com"))
    #expect(!SMTPDelivery.mayAuthenticate(encrypted: false, host: "127.mail.example.com"))
  }

  @Test("non-ASCII header values become RFC 2047 words")
  func encodedWords() throws {
    let value = MIMEEncoding.headerValue(
      "Fühler 3000 — 東京: 71.2% ready, with a long tail to fold over several words")
    #expect(value.hasPrefix("=?UTF-8?B?"))
    #expect(value.components(separatedBy: "\r\n ").allSatisfy { $0.count <= 75 })
    #expect(MIMEEncoding.headerValue("[FOTA] plain") == "[FOTA] plain")
  }
}

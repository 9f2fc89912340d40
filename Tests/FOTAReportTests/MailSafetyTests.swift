import FOTAMail
import FOTATestSupport
import Foundation
import Testing

/// No address or header built from data can add a header or a command; replies cannot hang the
/// job; the relay can be required to speak TLS.
@Suite("mail safety")
struct MailSafetyTests {
  @Test(
    "an address with any control character is refused",
    arguments: [
      "fleet@example.com\r\nBcc: all@example.com", "fleet@example.com\u{0}", "\u{1}fleet@example.com",
      "fleet@exa\u{7F}mple.com", "fleet@example.com\n", "\tfleet@example.com",
    ])
  func controlCharacters(address: String) {
    #expect(throws: MailError.invalidAddress(address)) { try MailAddress(address) }
  }

  @Test("--email-to with a line break exits 64 before anything runs")
  func commandLineAddress() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let result = try BinaryRunner().run([
      "run", "--demo", "--demo-devices", "50", "--out", directory.path("latest").path, "--no-history",
      "--email-from", "fota@example.com", "--email-to", "fleet@example.com\r\nBcc: all@example.com",
    ])
    #expect(result.exitCode == 64)
    #expect(result.standardError.contains("not an e-mail address"))
    #expect(!FileManager.default.fileExists(atPath: directory.path("latest").path))
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

  @Test("a relay that never answers is given up after the read timeout")
  func silentRelay() async throws {
    let error = try await HelperProcess.withRunning("silent_server.py", []) { port -> MailError? in
      let delivery = try SMTPDelivery(
        url: "smtp://127.0.0.1:\(port)", username: nil, password: nil, readTimeout: .seconds(1))
      do {
        try await delivery.deliver("Subject: x\r\n\r\nx\r\n", from: try MailAddress("a@example.com"), to: [])
        return nil
      } catch let error as MailError {
        return error
      } catch {
        return nil
      }
    }
    #expect(
      error?.errorDescription?.contains("through smtp://127.0.0.1:") == true
        && error?.errorDescription?.contains("it did not answer the greeting within 1 seconds") == true,
      "\(String(describing: error))")
  }

  @Test("--smtp-require-tls refuses a relay without STARTTLS before sending anything")
  func requireTLS() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try await EmailTests.withSMTPServer { port, inbox in
      let result = try BinaryRunner().run(
        EmailTests.arguments(out: directory.path("latest").path) + [
          "--smtp-url", "smtp://127.0.0.1:\(port)", "--smtp-require-tls",
        ])
      #expect(result.exitCode == 3)
      #expect(result.errorLines.first?.contains("offers no STARTTLS and --smtp-require-tls is set") == true)
      #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)
      #expect(FileManager.default.fileExists(atPath: directory.path("latest/summary.eml").path))
    }
  }
}

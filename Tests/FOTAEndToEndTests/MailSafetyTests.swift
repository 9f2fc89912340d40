import FOTAMail
import FOTATestSupport
import Foundation
import Testing

/// No address or header built from data can add a header or a command; replies cannot hang the
/// job; the relay can be required to speak TLS.
@Suite("mail safety")
struct MailSafetyTests {
  @Test("--email-to with a line break exits 64 before anything runs")
  func commandLineAddress() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let result = try await BinaryRunner().run([
      "run", "--demo", "--demo-devices", "50", "--out", directory.path("latest").path, "--no-history",
      "--email-from", "fota@example.com", "--email-to", "fleet@example.com\r\nBcc: all@example.com",
    ])
    #expect(result.exitCode == 64)
    #expect(result.standardError.contains("not an e-mail address"))
    #expect(!FileManager.default.fileExists(atPath: directory.path("latest").path))
  }

  @Test("a relay that never answers is given up after the read timeout")
  func silentRelay() async throws {
    let error = try await HelperProcess.withRunning("silent_server.py", []) { port -> MailError? in
      let delivery = try SMTPDelivery(
        url: "smtp://127.0.0.1:\(port)", username: nil, password: nil, timeout: .seconds(2))
      do {
        try await delivery.deliver("Subject: x\r\n\r\nx\r\n", from: try MailAddress("a@example.com"), to: [])
        return nil
      } catch let error as MailError {
        return error
      } catch {
        return nil
      }
    }
    // The reply's timeout (half of --timeout) ends it, or, on a loaded machine, the whole
    // conversation's: either way the relay is given up, named.
    let text = error?.errorDescription ?? ""
    #expect(text.contains("through smtp://127.0.0.1:"), "\(text)")
    #expect(
      text.contains("it did not answer the greeting within 1 s") || text.contains("timed out after 2 s"),
      "\(text)")
  }

  @Test(
    "a relay that answers every command, each a little slowly, is given up after --timeout as a whole",
    .timeLimit(.minutes(5)))
  func slowRelay() async throws {
    // Each reply takes 1.2 s, well inside the 2.5 s a reply may take (half the timeout) even on a
    // busy machine; the seven of a conversation take 8.4 s, past the 5 s the whole may take.
    let error = try await HelperProcess.withRunning("slow_relay.py", ["1.2"]) { port -> MailError? in
      let delivery = try SMTPDelivery(
        url: "smtp://127.0.0.1:\(port)", username: nil, password: nil, timeout: .seconds(5))
      do {
        try await delivery.deliver(
          "Subject: x\r\n\r\nx\r\n", from: try MailAddress("a@example.com"),
          to: [try MailAddress("b@example.com")])
        return nil
      } catch let error as MailError {
        return error
      } catch {
        return nil
      }
    }
    let text = try #require(error?.errorDescription, "the slow relay took the message")
    #expect(text.contains("through smtp://127.0.0.1:") && text.contains("timed out after 5 s"), "\(text)")
  }

  @Test("--smtp-require-tls refuses a relay without STARTTLS before sending anything")
  func requireTLS() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try await EmailTests.withSMTPServer { port, inbox in
      let result = try await BinaryRunner().run(
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

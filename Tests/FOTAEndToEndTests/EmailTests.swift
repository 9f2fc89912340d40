import FOTAFleet
import FOTAJob
import FOTAMail
import FOTATestSupport
import Foundation
import Testing

/// The e-mailed summary, parsed by Python's `email` package and delivered to aiosmtpd.
@Suite("e-mailed summary")
struct EmailTests {
  /// What Python's parser found in a message.
  struct Parsed: Decodable {
    struct Part: Decodable {
      var type: String
      var encoding: String?
      var charset: String?
      var filename: String?
      var defects: [String]
      var text: String?
    }
    var headers: [String: String]
    var structure: [String]
    var parts: [Part]
    var defects: [String]
    var longestLine: Int
    var bareLineFeeds: Int
    var nonAscii: Bool
  }

  static func parse(_ file: URL) async throws -> Parsed {
    try await JSONDecoder().decode(Parsed.self, from: TestPython.output("check_mime.py", [file.path]))
  }

  static func arguments(out: String, history: String? = nil) -> [String] {
    [
      "run", "--demo", "--demo-devices", "1500", "--out", out, "--as-of", "2026-11-01",
      "--templates", RepositoryPaths.templates.path, "--email-to", "fleet@example.com",
      "--email-to", "ops@example.org", "--email-from", "fota-report@example.com",
    ] + (history.map { ["--history", $0] } ?? ["--no-history"])
  }

  @Test("summary.eml: MIME structure, encodings, headers, and no phone number anywhere")
  func structure() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let out = directory.path("latest")
    let result = try await BinaryRunner().run(Self.arguments(out: out.path))
    #expect(result.exitCode == 0, "\(result.standardError)")
    // No --sendmail or --smtp-url: the log says the summary was written and not sent.
    #expect(result.standardError.contains("summary written, not sent"), "\(result.standardError)")
    let file = out.appendingPathComponent("summary.eml")
    let parsed = try await Self.parse(file)

    #expect(parsed.defects.isEmpty)
    #expect(parsed.parts.allSatisfy { $0.defects.isEmpty })
    #expect(
      parsed.structure == [
        "multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/csv", "text/csv",
      ])
    #expect(parsed.parts[2].encoding == "quoted-printable" && parsed.parts[2].charset == "utf-8")
    #expect(parsed.parts[3].encoding == "quoted-printable" && parsed.parts[3].charset == "utf-8")
    #expect(parsed.parts[4].filename == "by-model-firmware.csv" && parsed.parts[4].encoding == "base64")
    #expect(parsed.parts[5].filename == "plan-summary.csv")
    #expect(parsed.headers["From"] == "fota-report@example.com")
    #expect(parsed.headers["To"] == "fleet@example.com, ops@example.org")
    #expect(parsed.headers["Subject"]?.hasPrefix("[FOTA] 0242078698-00001: ") == true)
    #expect(parsed.headers["Subject"]?.contains("% FOTA-capable, 1,") == true)
    #expect(parsed.headers["Date"]?.isEmpty == false && parsed.headers["Message-ID"]?.hasPrefix("<") == true)
    #expect(parsed.longestLine <= 78)
    #expect(parsed.bareLineFeeds == 0)
    #expect(!parsed.nonAscii)

    // Privacy: no MDN anywhere, device ids in the body only masked.
    let devices = try CSVFile.read(
      String(contentsOf: out.appendingPathComponent("devices.csv"), encoding: .utf8))
    let mdns = Set(devices.rows.map { $0[1] }.filter { !$0.isEmpty })
    let ids = Set(devices.rows.map { $0[0] })
    let raw = try String(contentsOf: file, encoding: .utf8)
    let decoded = parsed.parts.compactMap(\.text).joined(separator: "\n")
    #expect(mdns.isDisjoint(with: CSVFile.digitRuns(in: decoded + raw)))
    #expect(ids.isDisjoint(with: CSVFile.digitRuns(in: parsed.parts[2].text! + parsed.parts[3].text!)))

    // The HTML part is for mail clients: no SVG, no script, nothing external, under 100 KB.
    let html = try #require(parsed.parts[3].text)
    #expect(!html.localizedCaseInsensitiveContains("<svg"))
    #expect(!html.localizedCaseInsensitiveContains("<script"))
    #expect(!html.contains("src="))
    #expect(!html.contains("<link"))
    #expect(html.utf8.count < 100_000)
    #expect(html.contains("ACME &lt;Labs&gt;"))
  }

  @Test("with history, the subject carries the change since the last run")
  func subjectWithHistory() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let history = directory.path("history.sqlite").path
    let out = directory.path("latest").path
    var arguments = Self.arguments(out: out, history: history)
    #expect(try await BinaryRunner().run(arguments).exitCode == 0)
    arguments = arguments.map { $0 == "2026-11-01" ? "2026-11-02" : $0 } + ["--night", "1"]
    #expect(try await BinaryRunner().run(arguments).exitCode == 0)
    let subject = try await Self.parse(URL(fileURLWithPath: out + "/summary.eml")).headers["Subject"] ?? ""
    #expect(
      subject.range(
        of:
          #"^\[FOTA\] 0242078698-00001: \d+\.\d% FOTA-capable \([+-±]\d+\.\d\), [\d,]+ upgraded since 1 Nov$"#,
        options: .regularExpression) != nil, "\(subject)")
  }

  /// Runs aiosmtpd on loopback for the length of `body`, with extra `smtp_sink.py` options.
  static func withSMTPServer<Result>(options: [String] = [], _ body: (Int, URL) async throws -> Result)
    async throws -> Result
  {
    let inbox = try TemporaryDirectory("smtp-inbox")
    defer { inbox.remove() }
    return try await HelperProcess.withRunning("smtp_sink.py", [inbox.url.path] + options) { port in
      try await body(port, inbox.url)
    }
  }

  @Test("delivery over SMTP to a real server on loopback; a failed delivery exits 3 and resends")
  func smtpDelivery() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let out = directory.path("latest")
    try await Self.withSMTPServer { port, inbox in
      let sent = try await BinaryRunner().run(
        Self.arguments(out: out.path) + ["--smtp-url", "smtp://127.0.0.1:\(port)"])
      #expect(sent.exitCode == 0, "\(sent.standardError)")
      let received = try Data(contentsOf: inbox.appendingPathComponent("1.eml"))
      #expect(received == (try Data(contentsOf: out.appendingPathComponent("summary.eml"))))
      let envelope =
        try JSONSerialization.jsonObject(with: Data(contentsOf: inbox.appendingPathComponent("1.json")))
        as! [String: Any]
      #expect(envelope["from"] as? String == "fota-report@example.com")
      #expect(envelope["to"] as? [String] == ["fleet@example.com", "ops@example.org"])

      // Nobody listens on port 1: the reports are published, summary.eml stays, exit 3.
      let failed = try await BinaryRunner().run(
        Self.arguments(out: out.path) + ["--smtp-url", "smtp://127.0.0.1:1"])
      #expect(failed.exitCode == 3)
      #expect(failed.errorLines.count == 1)
      #expect(
        failed.errorLines.first?.contains("sending the summary through smtp://127.0.0.1:1 failed") == true)
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
      let resend = try await BinaryRunner().run([
        "email", "--resend", out.path, "--smtp-url", "smtp://127.0.0.1:\(port)",
      ])
      #expect(resend.exitCode == 0, "\(resend.standardError)")
      #expect(
        try Data(contentsOf: inbox.appendingPathComponent("2.eml"))
          == (try Data(contentsOf: out.appendingPathComponent("summary.eml"))))
    }
  }

  @Test("STARTTLS and AUTH PLAIN against a server that insists on both; the password is never printed")
  func startTLSAndAuth() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let certificate = directory.path("cert.pem").path
    let key = directory.path("key.pem").path
    let openssl = Process()
    openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    openssl.arguments = [
      "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
      "-days", "2",
      "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
    ]
    openssl.standardOutput = FileHandle.nullDevice
    openssl.standardError = FileHandle.nullDevice
    try openssl.run()
    await openssl.exited()
    #expect(openssl.terminationStatus == 0)
    let password = "relay-Pa55-9931"
    let out = directory.path("latest")
    try await Self.withSMTPServer(options: ["--tls", certificate, key, "--auth", "fota", password]) {
      port, inbox in
      let runner = BinaryRunner(
        environment: BinaryRunner.environment(adding: ["SMTP_USERNAME": "fota", "SMTP_PASSWORD": password]))
      let sent = try await runner.run(
        Self.arguments(out: out.path) + [
          "--smtp-url", "smtp://localhost:\(port)", "--smtp-ca-file", certificate,
        ])
      #expect(sent.exitCode == 0, "\(sent.standardError)")
      #expect(!sent.standardError.contains(password) && !sent.standardOutput.contains(password))
      let envelope =
        try JSONSerialization.jsonObject(with: Data(contentsOf: inbox.appendingPathComponent("1.json")))
        as! [String: Any]
      #expect(envelope["tls"] as? Bool == true)
      #expect(envelope["login"] as? String == "fota")
      #expect(
        try Data(contentsOf: inbox.appendingPathComponent("1.eml"))
          == (try Data(contentsOf: out.appendingPathComponent("summary.eml"))))

      // Without trusting the relay's certificate the delivery fails, and says so, with exit 3.
      let untrusted = try await runner.run(
        Self.arguments(out: out.path) + ["--smtp-url", "smtp://localhost:\(port)"])
      #expect(untrusted.exitCode == 3)
      #expect(!untrusted.standardError.contains(password))
    }
  }

  @Test("delivery through a sendmail-compatible command gets the message on its standard input")
  func sendmailDelivery() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let out = directory.path("latest")
    let copy = directory.path("sendmail-input.eml")
    let result = try await BinaryRunner().run(
      Self.arguments(out: out.path) + ["--sendmail-command", "/usr/bin/tee \(copy.path)"])
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(try Data(contentsOf: copy) == (try Data(contentsOf: out.appendingPathComponent("summary.eml"))))
  }

  @Test("a sendmail that never exits is stopped at --timeout: the report is published, exit 3")
  func sendmailTimeout() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let out = directory.path("latest")
    let pidFile = directory.path("sendmail.pid")
    let script = directory.path("hung-sendmail")
    try "#!/bin/sh\necho $$ > \(pidFile.path)\nexec /bin/sleep 600\n".write(
      to: script, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script.path)
    let result = try await BinaryRunner().run(
      Self.arguments(out: out.path) + ["--sendmail-command", script.path, "--timeout", "2"])
    #expect(result.exitCode == 3, "\(result.standardError)")
    #expect(result.standardError.contains("did not exit within 2 s"), "\(result.standardError)")
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
    // The program was killed, not left behind: gone, or a zombie waiting for its reaper.
    let pid = try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    #expect(stat.isEmpty || stat.contains(") Z "), "\(stat)")
  }
}

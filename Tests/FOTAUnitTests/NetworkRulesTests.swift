import FOTACollect
import FOTAModel
import Testing

@Suite("where credentials may go")
struct NetworkRulesTests {
  @Test(
    "--base-url must be https, except this machine's own addresses",
    arguments: [
      ("https://thingspace.verizon.com", true), ("http://127.0.0.1:8080", true), ("http://localhost:1", true),
      ("http://[::1]:9", true), ("http://127.9.9.9", true), ("http://thingspace.verizon.com", false),
      ("http://127.evil.example", false), ("http://10.0.0.1", false),
      ("https://user:pw@thingspace.verizon.com", false),
      ("ftp://thingspace.verizon.com", false), ("https://thingspace.verizon.com/api?x=1", false),
      ("nonsense", false),
    ])
  func baseURL(text: String, allowed: Bool) {
    switch BaseURLPolicy.check(text) {
    case .success: #expect(allowed)
    case .failure(let problem): #expect(!allowed, "\(problem)")
    }
  }

  @Test("loopback is this machine's addresses only")
  func loopback() {
    for host in ["localhost", "127.0.0.1", "127.255.0.9", "::1", "[::1]", "LOCALHOST"] {
      #expect(LoopbackHost.contains(host), "\(host)")
    }
    for host in ["127.evil.example", "127.0.0.1.example", "1270.0.0.1", "example.com", "::2", "128.0.0.1"] {
      #expect(!LoopbackHost.contains(host), "\(host)")
    }
  }

  @Test("the redactor knows every form a secret travels in")
  func redactorForms() {
    let redactor = SecretRedactor(["pa\"ss/w%rd"])
    redactor.add("tok")  // too short to scrub
    #expect(redactor.redact(#"{"password":"pa\"ss\/w%rd"}"#) == #"{"password":"[redacted]"}"#)
    #expect(redactor.redact("u=pa%22ss%2Fw%25rd&x") == "u=[redacted]&x")
    #expect(redactor.redact("raw pa\"ss/w%rd tok") == "raw [redacted] tok")
  }
}

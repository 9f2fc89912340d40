import Testing

@testable import FOTACollect

/// The token ledger: accepted tokens, requests out with each, and waiting for a token's fate.
@Suite("token ledger")
struct TokenLedgerTests {
  static let first = TokenLedger.Sent(bearer: "bearer-1", session: "session-1")
  static let renewed = TokenLedger.Sent(bearer: "bearer-2", session: "session-1")

  @Test("a token is accepted once an answer accepts it, and only then")
  func accepted() {
    var ledger = TokenLedger()
    ledger.sending(Self.first)
    #expect(!ledger.wasAccepted("bearer-1"))
    _ = ledger.answered(Self.first, accepting: false)
    #expect(!ledger.wasAccepted("bearer-1"))
    ledger.sending(Self.first)
    _ = ledger.answered(Self.first, accepting: true)
    #expect(ledger.wasAccepted("bearer-1") && ledger.wasAccepted("session-1"))
    #expect(!ledger.wasAccepted("bearer-2") && !ledger.wasAccepted(nil))
    #expect(Self.renewed.token(.bearer) == "bearer-2" && Self.renewed.token(.session) == "session-1")
  }

  @Test("a token is settled when accepted, or when every request sent with it has been answered")
  func settled() {
    var ledger = TokenLedger()
    ledger.sending(Self.renewed)
    ledger.sending(Self.renewed)
    #expect(!ledger.isSettled("bearer-2"))
    _ = ledger.answered(Self.renewed, accepting: false)
    #expect(!ledger.isSettled("bearer-2"), "one request is still out")
    _ = ledger.answered(Self.renewed, accepting: false)
    #expect(ledger.isSettled("bearer-2"))
    #expect(!ledger.wasAccepted("bearer-2"), "every answer refused it: a renewal that loops")

    ledger.sending(Self.first)
    ledger.sending(Self.first)
    _ = ledger.answered(Self.first, accepting: true)
    #expect(ledger.isSettled("bearer-1"), "accepted, though a request is still out")
  }

  @Test(
    "a request waiting for a token is woken by the answer that settles it, not before",
    .timeLimit(.minutes(1)))
  func waiting() async {
    var ledger = TokenLedger()
    ledger.sending(Self.renewed)
    ledger.sending(Self.renewed)
    await withCheckedContinuation { (woken: CheckedContinuation<Void, Never>) in
      ledger.wait(for: "bearer-2", woken)
      #expect(ledger.answered(Self.renewed, accepting: false).isEmpty)
      let settled = ledger.answered(Self.renewed, accepting: false)
      #expect(settled.count == 1)
      for continuation in settled { continuation.resume() }
    }
    #expect(ledger.isSettled("bearer-2"))
  }
}

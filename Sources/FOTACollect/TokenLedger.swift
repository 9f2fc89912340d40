/// What the client knows of the tokens it sends: which ThingSpace has accepted, how many requests
/// are still out with each, and who waits to learn a token's fate.
///
/// With ranges walked at once, a short-lived token can be used up by other requests before this
/// one's answer says whether it was ever accepted; the ledger lets a request that renewed a token
/// wait for those answers (``isSettled(_:)``) before judging a fresh token refused.
struct TokenLedger {
  /// Which of the two tokens.
  enum Kind: Sendable {
    /// The OAuth bearer token (`Authorization`).
    case bearer
    /// The M2M session token (`VZ-M2M-Token`).
    case session
  }

  /// The tokens one request was sent with.
  struct Sent: Sendable, Equatable {
    var bearer: String?
    var session: String?

    /// The token of `kind`.
    func token(_ kind: Kind) -> String? { kind == .bearer ? bearer : session }

    var tokens: [String] { [bearer, session].compactMap { $0 } }
  }

  /// Tokens ThingSpace has accepted at least once.
  private var accepted: Set<String> = []
  /// Requests sent with each token and not answered yet.
  private var unanswered: [String: Int] = [:]
  /// Requests waiting until a token is settled.
  private var waiting: [(token: String, continuation: CheckedContinuation<Void, Never>)] = []

  /// Counts a request sent with `sent`.
  mutating func sending(_ sent: Sent) {
    for token in sent.tokens { unanswered[token, default: 0] += 1 }
  }

  /// Records the answer (or failure) of a request sent with `sent`, whether its answer showed the
  /// tokens `accepting`; returns the waiters whose token is now settled, to be resumed.
  mutating func answered(_ sent: Sent, accepting: Bool) -> [CheckedContinuation<Void, Never>] {
    if accepting { accepted.formUnion(sent.tokens) }
    for token in sent.tokens {
      let left = (unanswered[token] ?? 1) - 1
      unanswered[token] = left > 0 ? left : nil
    }
    var settled: [CheckedContinuation<Void, Never>] = []
    var still: [(token: String, continuation: CheckedContinuation<Void, Never>)] = []
    for waiter in waiting {
      if isSettled(waiter.token) { settled.append(waiter.continuation) } else { still.append(waiter) }
    }
    waiting = still
    return settled
  }

  /// True when ThingSpace has accepted `token` at least once.
  func wasAccepted(_ token: String?) -> Bool {
    token.map(accepted.contains) ?? false
  }

  /// True when `token` was accepted, or every request sent with it so far has been answered.
  func isSettled(_ token: String) -> Bool {
    accepted.contains(token) || unanswered[token] == nil
  }

  /// Waits, through `continuation`, until `token` is settled.
  mutating func wait(for token: String, _ continuation: CheckedContinuation<Void, Never>) {
    waiting.append((token, continuation))
  }
}

import FOTAModel

/// How often and how patiently requests are retried.
public struct RetryPolicy: Sendable, Equatable {
  /// Attempts per request, the first included.
  public var maxAttempts: Int
  /// The first backoff; each retry doubles it, up to ``maxDelay``.
  public var baseDelay: Duration
  /// The longest backoff.
  public var maxDelay: Duration
  /// The longest `Retry-After` honoured; longer ones are cut to this.
  public var maxRetryAfter: Duration
  /// How long one attempt at a request may take as a whole: connecting, the head and the body.
  public var timeout: Duration

  /// How long an attempt may go without receiving a byte: the policy's timeout, at most 30 s.
  public var readIdleTimeout: Duration { min(timeout, .seconds(30)) }

  /// Creates a policy; the defaults suit the live API.
  public init(
    maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
    maxRetryAfter: Duration = .seconds(120), timeout: Duration = .seconds(60)
  ) {
    self.maxAttempts = maxAttempts
    self.baseDelay = baseDelay
    self.maxDelay = maxDelay
    self.maxRetryAfter = maxRetryAfter
    self.timeout = timeout
  }

  /// The backoff before retry number `retry` (1-based): capped exponential with "equal jitter",
  /// between half and all of the exponential value.
  public func backoff(retry: Int, using random: inout some RandomNumberGenerator) -> Duration {
    let exponent = min(max(retry - 1, 0), 30)
    let full = min(baseDelay * (1 << exponent), maxDelay)
    let fraction = Double.random(in: 0.5...1.0, using: &random)
    return full * fraction
  }
}

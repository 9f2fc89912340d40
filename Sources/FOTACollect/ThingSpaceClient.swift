import AsyncHTTPClient
import FOTAModel
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization
import ThingSpaceAPI

/// Talks to ThingSpace: logs in, sends the bearer and `VZ-M2M-Token` headers, renews an expired
/// token (again only once the renewed one has been accepted, so a server that refuses fresh
/// tokens cannot loop it), and retries what is worth retrying with capped, jittered exponential
/// backoff.
///
/// Logins that ThingSpace answered are never retried: five failed logins lock a ThingSpace account.
/// A login that got no answer at all (refused, reset, timed out) rejected nothing and is retried.
/// Redirects are never followed, so no credential reaches a host other than `baseURL`'s, and
/// every token it obtains is handed to the redactor before it is used.
public actor ThingSpaceClient {
  public let baseURL: URL
  private let credentials: ThingSpaceCredentials
  private let policy: RetryPolicy
  private let http: HTTPClient
  private let logger: Logger
  private let redactor: SecretRedactor
  private var bearer: String?
  private var session: String?
  /// A login ThingSpace refused: final for the rest of the run, never tried again.
  private var refusedLogin: CollectionError?
  private var random = SystemRandomNumberGenerator()
  /// What collecting has taken so far.
  public private(set) var statistics = HTTPFigures()
  /// Limits requests in flight when pages are collected in parallel.
  private let gate: RequestGate?
  /// Which tokens were accepted, which requests are out with each (see ``TokenLedger``).
  private var tokens = TokenLedger()
  /// Logins shared with the run's other nights, if any.
  private let sharedLogins: SharedLogins?
  /// The login or renewal under way, which concurrent requests wait for instead of starting their own.
  private var authentication: (renewal: Renewal?, task: Task<Void, any Error>)?

  /// Creates a client for the API at `baseURL` (such as `https://thingspace.verizon.com`); run it
  /// on an `HTTPClient` made with ``httpConfiguration(connections:)``. With a `gate`, requests wait for a place
  /// in it, and a 429 halves it. With `sharedLogins`, the first login with these credentials is
  /// every night's of the run.
  public init(
    baseURL: URL, credentials: ThingSpaceCredentials, policy: RetryPolicy, logger: Logger,
    redactor: SecretRedactor, httpClient: HTTPClient, gate: RequestGate? = nil,
    sharedLogins: SharedLogins? = nil
  ) {
    self.gate = gate
    self.sharedLogins = sharedLogins
    self.baseURL = baseURL
    self.credentials = credentials
    self.policy = policy
    self.logger = logger
    self.redactor = redactor
    self.http = httpClient
    for secret in credentials.secrets { redactor.add(secret) }
    if case .login(let clientId, let clientSecret, _, _) = credentials {
      redactor.add(Self.basicCredentials(clientId: clientId, clientSecret: clientSecret))
    }
  }

  /// The HTTP client's settings: redirects are never followed; up to `connections` at once;
  /// connecting and every read bounded by `policy` (each attempt as a whole is bounded by ``send(_:)``).
  public static func httpConfiguration(connections: Int = 1, policy: RetryPolicy = RetryPolicy())
    -> HTTPClient.Configuration
  {
    var configuration = HTTPClient.Configuration()
    configuration.redirectConfiguration = .disallow
    configuration.timeout = .init(
      connect: .milliseconds(min(policy.timeout, .seconds(20)).milliseconds),
      read: .milliseconds(policy.readIdleTimeout.milliseconds))
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(8, connections)
    return configuration
  }

  /// Fetches one device-list page: its exact bytes and its decoded form.
  public func devicePage(account: String, startIndex: String, clientType: ClientType?)
    async throws(CollectionError) -> (body: Data, page: DeviceListPage)
  {
    let (body, page, _) = try await devicePageCounted(
      account: account, startIndex: startIndex, clientType: clientType)
    return (body, page)
  }

  /// Fetches one device-list page, saying how many requests it took.
  public func devicePageCounted(account: String, startIndex: String, clientType: ClientType?)
    async throws(CollectionError) -> (body: Data, page: DeviceListPage, requests: Int)
  {
    var path = ThingSpacePaths.devices(account: account, startIndex: startIndex)
    if let clientType { path += "?clientType=\(clientType.rawValue)" }
    var requests = 0
    let (body, page) = try await fetch(path, counting: &requests, decode: Self.decodeDevicePage)
    return (body, page, requests)
  }

  /// Decodes a device-list body on the caller's core, not the client's: with ranges walked at
  /// once, the client would otherwise decode every range's pages one after another.
  @concurrent
  private static func decodeDevicePage(_ body: Data) async -> Result<DeviceListPage, BodyProblem> {
    Result { () throws(DeviceListDecodingError) in try DeviceListPage(decoding: body) }
      .mapError { BodyProblem(reason: $0.description) }
  }

  /// Fetches the account's upgrade paths: the exact bytes and the entries.
  public func firmwareList(account: String) async throws(CollectionError) -> (
    body: Data, entries: [FirmwareEntry]
  ) {
    var requests = 0
    return try await fetch(
      ThingSpacePaths.firmware(account: account), counting: &requests, decode: Self.json([FirmwareEntry].self)
    )
  }

  /// Fetches the account's license pool (its first page, which holds the totals).
  public func licenseSummary(account: String) async throws(CollectionError) -> (
    body: Data, summary: LicenseSummary
  ) {
    var requests = 0
    let (body, summary) = try await fetch(
      ThingSpacePaths.licenses(account: account), counting: &requests, decode: Self.json(LicenseSummary.self))
    return (body, summary)
  }

  /// Fetches every page of the account's upgrade reports, status by status in the order of an
  /// upgrade's life, each status's pages by its cursor. One request at a time: walked at once,
  /// the six statuses' requests crowd a gateway that is already refusing tokens or dropping
  /// bodies, and the night's own requests pay for it.
  public func upgradeReports(account: String) async throws(CollectionError) -> [PlanningData
    .UpgradeReportBody]
  {
    var pages: [PlanningData.UpgradeReportBody] = []
    for status in ThingSpacePaths.upgradeStatuses {
      pages += try await upgradeReports(account: account, status: status)
    }
    return pages
  }

  /// Every page of the upgrade reports in one status. A page that is not JSON, lacks
  /// `reportList` or holds another account's upgrade is retried like any unusable answer; a
  /// cursor seen before would loop, and fails.
  private func upgradeReports(account: String, status: String) async throws(CollectionError)
    -> [PlanningData.UpgradeReportBody]
  {
    var pages: [PlanningData.UpgradeReportBody] = []
    var requests = 0
    var startIndex = "0"
    var seen: Set<String> = [startIndex]
    let json = Self.json(UpgradeReportPage.self)
    let decode: @Sendable (Data) async -> Result<UpgradeReportPage, BodyProblem> = { body in
      await json(body).flatMap { page in
        if let stranger = page.reportList.lazy.compactMap(\.accountName).first(where: { $0 != account }) {
          return .failure(BodyProblem(reason: "it lists an upgrade of another account (\(stranger))"))
        }
        return .success(page)
      }
    }
    while true {
      let path = ThingSpacePaths.upgradeReports(account: account, status: status, startIndex: startIndex)
      let (body, page) = try await fetch(path, counting: &requests, decode: decode)
      pages.append(.init(status: status, number: seen.count, body: body, page: page))
      guard let next = page.nextStartIndex else { break }
      guard seen.insert(next).inserted else {
        throw .invalidPage(
          origin: "GET \(path)",
          reason: "its lastSeenUpgradeId \(next) was given before: the pages would loop")
      }
      startIndex = next
    }
    return pages
  }

  /// Why a 200 answer's body is unusable.
  private struct BodyProblem: Error {
    var reason: String
  }

  /// A decoder through Foundation's `JSONDecoder`, for the small answers where speed does not matter.
  private static func json<Answer: Decodable & SendableMetatype>(_: Answer.Type)
    -> @Sendable (Data) async -> Result<Answer, BodyProblem>
  {
    { body in
      do {
        return .success(try JSONDecoder().decode(Answer.self, from: body))
      } catch {
        return .failure(BodyProblem(reason: "the body is not the JSON \(Answer.self) expected"))
      }
    }
  }

  /// GETs `path` with the auth headers, renewing tokens and retrying as the policy says; adds
  /// the requests it sent to `requests`.
  private func fetch<Answer: Sendable>(
    _ path: String, counting requests: inout Int,
    decode: @Sendable (Data) async -> Result<Answer, BodyProblem>
  )
    async throws(CollectionError) -> (Data, Answer)
  {
    if let refusedLogin { throw refusedLogin }
    if bearer == nil { try await authenticate(.none, because: "", sentWith: nil) }
    let request = "GET \(path)"
    var attempt = 0
    var renewals = Renewals()
    while true {
      if Task.isCancelled { throw .cancelled(request: request) }
      attempt += 1
      requests += 1
      let sent = TokenLedger.Sent(bearer: bearer, session: session)
      let outcome = await sendCounted(path, sentWith: sent)
      // Accepted tokens: a later expiry in this request is a new one, renewed again.
      if Self.acceptsTokens(outcome) { renewals.made.removeAll() }
      switch try await classify(outcome, request: request, decode: decode) {
      case .answer(let body, let answer):
        return (body, answer)
      case .renew(let renewal, let summary):
        try await renew(renewal, rejected: sent, because: summary, request: request, renewals: &renewals)
        attempt -= 1
      case .retry(let cause, let detail, let wait):
        guard attempt < policy.maxAttempts else {
          throw .gaveUp(request: request, attempts: attempt, detail: detail)
        }
        await pause(after: attempt, cause: cause, detail: detail, wait: wait)
      }
    }
  }

  /// What an attempt's outcome calls for.
  private enum Next<Answer> {
    /// The answer.
    case answer(Data, Answer)
    /// A token was rejected: renew it, then try again without counting an attempt.
    case renew(Renewal, String)
    /// Try again after a pause, within the policy's attempts.
    case retry(RetryCause, String, wait: Duration?)
  }

  /// Sorts an attempt's outcome: the answer, a token to renew, a retry, or a final error.
  private func classify<Answer>(
    _ outcome: Outcome, request: String, decode: @Sendable (Data) async -> Result<Answer, BodyProblem>
  ) async throws(CollectionError) -> Next<Answer> {
    switch outcome {
    case .failed(let cause, let reason), .cutShort(_, let cause, let reason):
      return .retry(cause, reason, wait: nil)
    case .answered(let status, let headers, let body):
      try refuseRedirect(status, headers, request: request)
      if status == .ok {
        switch await decode(body) {
        case .success(let answer): return .answer(body, answer)
        case .failure(let problem): return .retry(.invalidBody, redactor.redact(problem.reason), wait: nil)
        }
      }
      let apiError = try? JSONDecoder().decode(APIErrorBody.self, from: body)
      let summary = redactor.redact("HTTP \(status.code) \(apiError?.summary ?? Self.snippet(body))")
      if apiError?.isExpiredSession == true { return .renew(.session, summary) }
      if status == .unauthorized { return .renew(.bearer, summary) }
      if status == .tooManyRequests {
        await gate?.rateLimited()
        let wait = headers.first(name: "Retry-After").flatMap {
          RetryAfter.delay($0, cap: policy.maxRetryAfter)
        }
        return .retry(.rateLimited, summary, wait: wait)
      }
      guard status.code >= 500 else { throw .rejected(request: request, detail: summary) }
      return .retry(.serverError, summary, wait: nil)
    }
  }

  /// The renewals one request made, and its retries with a token another request replaced.
  private struct Renewals {
    var made: Set<Renewal> = []
    var replacedRetries = 0
  }

  /// Replaces the token ThingSpace rejected, unless this request already renewed it and nothing
  /// since shows the renewed one was accepted: then the rejection is final.
  private func renew(
    _ renewal: Renewal, rejected sent: TokenLedger.Sent, because summary: String, request: String,
    renewals: inout Renewals
  ) async throws(CollectionError) {
    // Another request has replaced the rejected token since: try the current one, a bounded
    // number of times (with ranges walked at once, a short-lived token can be used up by the
    // others before this request's answer says it was accepted).
    if renewals.made.contains(renewal), sent.token(renewal) != current(renewal),
      renewals.replacedRetries < policy.maxAttempts
    {
      renewals.replacedRetries += 1
      return
    }
    // Whether the token this request renewed was ever accepted is told by the answers to the
    // other requests sent with it, which may come after this one's.
    if renewals.made.contains(renewal), let token = sent.token(renewal) { await settle(token) }
    // A token another request saw accepted expired since: renewing it again is no loop.
    if renewals.made.contains(renewal), tokens.wasAccepted(sent.token(renewal)) {
      renewals.made.remove(renewal)
    }
    guard credentials.canRenew, !renewals.made.contains(renewal) else {
      throw .rejected(request: request, detail: summary)
    }
    // Only a renewal this request made counts against it: with requests in parallel, the token it
    // sent may have been replaced already, or be replaced by another request.
    if try await authenticate(renewal, because: summary, sentWith: sent) { renewals.made.insert(renewal) }
  }

  /// Sends a data request with `sent`'s tokens through the gate, recording it and its answer in
  /// the statistics and the token ledger.
  private func sendCounted(_ path: String, sentWith sent: TokenLedger.Sent) async -> Outcome {
    var message = HTTPClientRequest(url: url(path))
    message.method = .GET
    message.headers.add(name: "Authorization", value: "Bearer \(sent.bearer ?? "")")
    message.headers.add(name: "VZ-M2M-Token", value: sent.session ?? "")
    message.headers.add(name: "Accept", value: "application/json")
    await gate?.enter()
    statistics.requests += 1
    tokens.sending(sent)
    let outcome = await send(message)
    await gate?.leave()
    for waiter in tokens.answered(sent, accepting: Self.acceptsTokens(outcome)) { waiter.resume() }
    return outcome
  }

  /// Counts a retry, logs it and waits before the next attempt.
  private func pause(after attempt: Int, cause: RetryCause, detail: String, wait: Duration?) async {
    statistics.countRetry(cause)
    let delay = wait ?? policy.backoff(retry: attempt, using: &random)
    logger.info(
      "retrying",
      metadata: [
        "cause": "\(cause.rawValue)", "attempt": "\(attempt + 1)", "detail": "\(detail)",
        "delayMs": "\(delay.milliseconds)",
      ])
    try? await Task.sleep(for: delay)
  }

  /// A redirect is a final error: following it could send the credentials to another host.
  private func refuseRedirect(_ status: HTTPResponseStatus, _ headers: HTTPHeaders, request: String)
    throws(CollectionError)
  {
    guard (300..<400).contains(status.code) else { return }
    let location = headers.first(name: "Location") ?? ""
    let host = URL(string: location, relativeTo: baseURL)?.host ?? "(no Location header)"
    throw .redirected(request: request, status: Int(status.code), locationHost: redactor.redact(host))
  }

  // MARK: Logging in

  /// Waits until every request sent with `token` so far has been answered, unless it has been
  /// accepted already.
  private func settle(_ token: String) async {
    while !tokens.isSettled(token) {
      await withCheckedContinuation { tokens.wait(for: token, $0) }
    }
  }

  /// True when an answer shows the tokens it was sent with were accepted: a status line other than
  /// a rejected bearer (401) or an expired session.
  private static func acceptsTokens(_ outcome: Outcome) -> Bool {
    switch outcome {
    case .failed: return false
    case .cutShort(let status, _, _): return status == .ok
    case .answered(let status, _, let body):
      if status == .ok { return true }
      if status == .unauthorized || (300..<400).contains(status.code) { return false }
      return (try? JSONDecoder().decode(APIErrorBody.self, from: body))?.isExpiredSession != true
    }
  }

  /// The token of `kind` requests send now.
  private func current(_ kind: Renewal) -> String? {
    kind == .bearer ? bearer : session
  }

  /// A token renewed after ThingSpace rejected the current one.
  private typealias Renewal = TokenLedger.Kind

  /// Logs in (`renewal` nil) or replaces a rejected token, once for every request that needs it:
  /// a request arriving while another does it waits for that one, and a token already replaced
  /// since `sent` is not replaced again. True when this call did the work itself.
  @discardableResult
  private func authenticate(
    _ renewal: Renewal?, because detail: String, sentWith sent: TokenLedger.Sent?
  ) async throws(CollectionError) -> Bool {
    if let refusedLogin { throw refusedLogin }
    if let sent {
      switch renewal {
      case .bearer where sent.bearer != bearer: return false
      case .session where sent.session != session: return false
      default: break
      }
    } else if bearer != nil {
      return false
    }
    if let authentication, authentication.renewal == renewal {
      do {
        try await authentication.task.value
      } catch {
        throw error as? CollectionError ?? .loginFailed(step: "logging in", detail: ErrorText.describe(error))
      }
      return false
    }
    let task = Task { () async throws -> Void in
      if let renewal { try await self.renew(renewal, because: detail) } else { try await self.login() }
    }
    authentication = (renewal, task)
    defer { authentication = nil }
    do {
      try await task.value
    } catch {
      throw error as? CollectionError ?? .loginFailed(step: "logging in", detail: ErrorText.describe(error))
    }
    return true
  }

  /// Replaces the rejected token: at most once per request.
  private func renew(_ renewal: Renewal, because detail: String) async throws(CollectionError) {
    do {
      switch renewal {
      case .bearer:
        statistics.bearerRenewals += 1
        logger.notice("bearer token rejected; requesting a new one", metadata: ["detail": "\(detail)"])
        try await requestToken()
      case .session:
        statistics.sessionRenewals += 1
        logger.notice("session expired; logging in again", metadata: ["detail": "\(detail)"])
        try await startSession()
      }
    } catch {
      if case .loginFailed = error { refusedLogin = error }
      throw error
    }
  }

  /// Sets up both tokens: the given ones, or a fresh bearer and session. A refused login is
  /// remembered, so no later request of the run tries again.
  private func login() async throws(CollectionError) {
    switch credentials {
    case .tokens(let bearer, let session):
      self.bearer = bearer
      self.session = session
    case .login:
      do {
        guard let sharedLogins else {
          try await requestToken()
          try await startSession()
          return
        }
        let key = SharedLogins.Key(baseURL: baseURL.absoluteString, credentials: credentials)
        let tokens = try await sharedLogins.tokens(for: key) { () async throws(CollectionError) in
          try await self.freshLogin()
        }
        redactor.add(tokens.bearer)
        redactor.add(tokens.session)
        bearer = tokens.bearer
        session = tokens.session
      } catch {
        if case .loginFailed = error { refusedLogin = error }
        throw error
      }
    }
  }

  /// Logs in with the token request and the session login, for ``SharedLogins``.
  private func freshLogin() async throws(CollectionError) -> SharedLogins.Tokens {
    try await requestToken()
    try await startSession()
    return SharedLogins.Tokens(bearer: bearer ?? "", session: session ?? "")
  }

  /// `POST /api/ts/v1/oauth2/token` with the client id and secret.
  private func requestToken() async throws(CollectionError) {
    guard case .login(let clientId, let clientSecret, _, _) = credentials else { return }
    let step = "the token request (POST \(ThingSpacePaths.token))"
    var request = HTTPClientRequest(url: url(ThingSpacePaths.token))
    request.method = .POST
    request.headers.add(
      name: "Authorization",
      value: "Basic " + Self.basicCredentials(clientId: clientId, clientSecret: clientSecret))
    request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
    request.body = .bytes(ByteBuffer(string: "grant_type=client_credentials"))
    let body = try await loginStep(request, step: step)
    guard let token = try? JSONDecoder().decode(OAuthToken.self, from: body), !token.accessToken.isEmpty
    else { throw .loginFailed(step: step, detail: "the answer holds no access_token") }
    redactor.add(token.accessToken)
    statistics.logins += 1
    bearer = token.accessToken
  }

  /// `POST /api/m2m/v1/session/login` with the user name and password.
  private func startSession() async throws(CollectionError) {
    guard case .login(_, _, let username, let password) = credentials else { return }
    let step = "the session login (POST \(ThingSpacePaths.sessionLogin))"
    var request = HTTPClientRequest(url: url(ThingSpacePaths.sessionLogin))
    request.method = .POST
    request.headers.add(name: "Authorization", value: "Bearer \(bearer ?? "")")
    request.headers.add(name: "Content-Type", value: "application/json")
    let login =
      (try? JSONEncoder().encode(SessionLoginRequest(username: username, password: password))) ?? Data()
    request.body = .bytes(ByteBuffer(bytes: login))
    let body = try await loginStep(request, step: step)
    guard let answer = try? JSONDecoder().decode(SessionLoginResponse.self, from: body),
      !answer.sessionToken.isEmpty
    else { throw .loginFailed(step: step, detail: "the answer holds no sessionToken") }
    redactor.add(answer.sessionToken)
    statistics.logins += 1
    session = answer.sessionToken
  }

  /// Sends a login request. An answer other than 200 is final: ThingSpace counted the attempt.
  /// No answer at all (refused, reset, timed out before a status line) is retried within the
  /// policy's attempts, because no credential was rejected.
  private func loginStep(_ request: HTTPClientRequest, step: String) async throws(CollectionError) -> Data {
    var attempt = 0
    while true {
      if Task.isCancelled { throw .cancelled(request: step) }
      attempt += 1
      switch await send(request) {
      case .failed(let cause, let reason):
        guard attempt < policy.maxAttempts else {
          throw .loginFailed(step: step, detail: "no answer after \(attempt) attempts: \(reason)")
        }
        await pause(after: attempt, cause: cause, detail: reason, wait: nil)
      case .cutShort(let status, let cause, let reason):
        guard status == .ok else {
          throw .loginFailed(step: step, detail: redactor.redact("HTTP \(status.code), \(reason)"))
        }
        guard attempt < policy.maxAttempts else {
          throw .loginFailed(step: step, detail: "no whole answer after \(attempt) attempts: \(reason)")
        }
        await pause(after: attempt, cause: cause, detail: reason, wait: nil)
      case .answered(let status, let headers, let body):
        try refuseRedirect(status, headers, request: step)
        guard status == .ok else {
          let apiError = try? JSONDecoder().decode(APIErrorBody.self, from: body)
          throw .loginFailed(
            step: step,
            detail: redactor.redact("HTTP \(status.code) \(apiError?.summary ?? Self.snippet(body))"))
        }
        return body
      }
    }
  }

  static func basicCredentials(clientId: String, clientSecret: String) -> String {
    Data("\(clientId):\(clientSecret)".utf8).base64EncodedString()
  }

  // MARK: Sending

  private enum Outcome {
    /// A status line and a whole body.
    case answered(HTTPResponseStatus, HTTPHeaders, Data)
    /// A status line, then the body broke off or did not arrive in time.
    case cutShort(HTTPResponseStatus, RetryCause, String)
    /// No answer: refused, reset or timed out before a status line.
    case failed(RetryCause, String)
  }

  /// Sends a request and reads its whole body within the policy's timeout (connecting, the head
  /// and the complete body; a read-idle timeout inside it); never throws.
  private func send(_ request: HTTPClientRequest) async -> Outcome {
    let http = self.http
    let logger = self.logger
    let policy = self.policy
    let redactor = self.redactor
    let describe = { @Sendable (error: any Error) in
      redactor.redact(TransportErrorText.describe(error, policy: policy))
    }
    let head = ResponseHead()
    let limit = policy.timeout
    let outcome = await TimeLimit.run(within: limit) { () async -> Outcome in
      let response: HTTPClientResponse
      do {
        response = try await http.execute(request, timeout: .milliseconds(limit.milliseconds), logger: logger)
      } catch {
        return .failed(Self.isTimeout(error) ? .timeout : .connection, describe(error))
      }
      head.arrived(response.status)
      do {
        let body = try await response.body.collect(upTo: DeviceListDecoder.maximumBodyBytes)
        return .answered(response.status, response.headers, Data(body.readableBytesView))
      } catch {
        return .cutShort(
          response.status, Self.isTimeout(error) ? .timeout : .truncatedBody,
          "the body was cut short (\(describe(error)))")
      }
    }
    if let outcome { return outcome }
    guard let status = head.status else {
      return .failed(.timeout, TransportErrorText.timedOut(after: limit, headArrived: false))
    }
    return .cutShort(status, .timeout, TransportErrorText.timedOut(after: limit, headArrived: true))
  }

  /// Whether a response head arrived, and its status: an attempt cut off by its time limit after
  /// the head was answered (a login refused with a trickling body is still refused).
  private final class ResponseHead: Sendable {
    private let received = Mutex<HTTPResponseStatus?>(nil)

    func arrived(_ status: HTTPResponseStatus) { received.withLock { $0 = status } }
    var status: HTTPResponseStatus? { received.withLock { $0 } }
  }

  private func url(_ path: String) -> String {
    var base = baseURL.absoluteString
    while base.hasSuffix("/") { base.removeLast() }
    return base + path
  }

  static func isTimeout(_ error: any Error) -> Bool {
    guard let error = error as? HTTPClientError else { return false }
    return [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error)
  }

  /// The start of a body that is not a known error shape.
  static func snippet(_ body: Data) -> String {
    let text = String(decoding: body.prefix(160), as: UTF8.self)
    let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    return flat.isEmpty ? "(empty body)" : flat
  }
}

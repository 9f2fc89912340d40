import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ThingSpaceAPI

/// Talks to ThingSpace: logs in, sends the bearer and `VZ-M2M-Token` headers, renews expired
/// tokens once, and retries what is worth retrying with capped, jittered exponential backoff.
///
/// Logins are never retried: five failed logins lock a ThingSpace account.
public actor ThingSpaceClient {
  public let baseURL: URL
  private let credentials: ThingSpaceCredentials
  private let policy: RetryPolicy
  private let http: HTTPClient
  private let logger: Logger
  private var bearer: String?
  private var session: String?
  private var random = SystemRandomNumberGenerator()
  /// What collecting has taken so far.
  public private(set) var statistics = CollectionStatistics()

  /// Largest body accepted: a page of 1,000 devices is about 300 KB.
  static let maxBodyBytes = 64 << 20

  /// Creates a client for the API at `baseURL` (such as `https://thingspace.verizon.com`).
  public init(
    baseURL: URL, credentials: ThingSpaceCredentials, policy: RetryPolicy, logger: Logger,
    httpClient: HTTPClient = .shared
  ) {
    self.baseURL = baseURL
    self.credentials = credentials
    self.policy = policy
    self.logger = logger
    self.http = httpClient
  }

  /// Fetches one device-list page: its exact bytes and its decoded form.
  public func devicePage(account: String, startIndex: String, clientType: ClientType?)
    async throws(CollectionError) -> (body: Data, page: DeviceListPage)
  {
    var path = ThingSpacePaths.devices(account: account, startIndex: startIndex)
    if let clientType { path += "?clientType=\(clientType.rawValue)" }
    let (body, page) = try await fetch(path, as: DeviceListPage.self)
    return (body, page)
  }

  /// Fetches the account's upgrade paths: the exact bytes and the entries.
  public func firmwareList(account: String) async throws(CollectionError) -> (
    body: Data, entries: [FirmwareEntry]
  ) {
    let (body, entries) = try await fetch(
      ThingSpacePaths.firmware(account: account), as: [FirmwareEntry].self)
    return (body, entries)
  }

  /// Fetches the account's license pool (its first page, which holds the totals).
  public func licenseSummary(account: String) async throws(CollectionError) -> (
    body: Data, summary: LicenseSummary
  ) {
    let (body, summary) = try await fetch(ThingSpacePaths.licenses(account: account), as: LicenseSummary.self)
    return (body, summary)
  }

  /// GETs `path` with the auth headers, renewing tokens and retrying as the policy says.
  private func fetch<Answer: Decodable>(_ path: String, as _: Answer.Type) async throws(CollectionError) -> (
    Data, Answer
  ) {
    if bearer == nil { try await login() }
    var attempt = 0
    var renewed: Set<Renewal> = []
    while true {
      attempt += 1
      statistics.requests += 1
      var request = HTTPClientRequest(url: url(path))
      request.method = .GET
      request.headers.add(name: "Authorization", value: "Bearer \(bearer ?? "")")
      request.headers.add(name: "VZ-M2M-Token", value: session ?? "")
      request.headers.add(name: "Accept", value: "application/json")

      let outcome = await send(request)
      let retryCause: RetryCause
      var wait: Duration?
      var detail: String
      switch outcome {
      case .failed(let cause, let reason):
        retryCause = cause
        detail = reason
      case .answered(let status, let headers, let body):
        if status == .ok {
          do {
            return (body, try JSONDecoder().decode(Answer.self, from: body))
          } catch {
            retryCause = .invalidJSON
            detail = "the body is not valid JSON"
            break
          }
        }
        let apiError = try? JSONDecoder().decode(APIErrorBody.self, from: body)
        let summary = redact("HTTP \(status.code) \(apiError?.summary ?? Self.snippet(body))")
        let renewal: Renewal? =
          apiError?.isExpiredSession == true ? .session : status == .unauthorized ? .bearer : nil
        if let renewal {
          guard credentials.canRenew, renewed.insert(renewal).inserted else {
            throw .rejected(request: "GET \(path)", detail: summary)
          }
          try await renew(renewal, because: summary)
          attempt -= 1
          continue
        }
        if status == .tooManyRequests {
          retryCause = .rateLimited
          wait = headers.first(name: "Retry-After").flatMap {
            RetryAfter.delay($0, cap: policy.maxRetryAfter)
          }
        } else if status.code >= 500 {
          retryCause = .serverError
        } else {
          throw .rejected(request: "GET \(path)", detail: summary)
        }
        detail = summary
      }
      guard attempt < policy.maxAttempts else {
        throw .gaveUp(request: "GET \(path)", attempts: attempt, detail: detail)
      }
      statistics.retries[retryCause, default: 0] += 1
      let delay = wait ?? policy.backoff(retry: attempt, using: &random)
      logger.info(
        "retrying",
        metadata: [
          "cause": "\(retryCause.rawValue)", "attempt": "\(attempt + 1)", "detail": "\(detail)",
          "delayMs":
            "\(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)",
        ])
      try? await Task.sleep(for: delay)
    }
  }

  // MARK: Logging in

  /// A token renewed after ThingSpace rejected the current one.
  private enum Renewal {
    case bearer, session
  }

  /// Replaces the rejected token: at most once per request.
  private func renew(_ renewal: Renewal, because detail: String) async throws(CollectionError) {
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
  }

  /// Sets up both tokens: the given ones, or a fresh bearer and session.
  private func login() async throws(CollectionError) {
    switch credentials {
    case .tokens(let bearer, let session):
      self.bearer = bearer
      self.session = session
    case .login:
      try await requestToken()
      try await startSession()
    }
  }

  /// `POST /api/ts/v1/oauth2/token` with the client id and secret. One attempt only.
  private func requestToken() async throws(CollectionError) {
    guard case .login(let clientId, let clientSecret, _, _) = credentials else { return }
    let step = "the token request (POST \(ThingSpacePaths.token))"
    var request = HTTPClientRequest(url: url(ThingSpacePaths.token))
    request.method = .POST
    request.headers.add(
      name: "Authorization", value: "Basic " + Data("\(clientId):\(clientSecret)".utf8).base64EncodedString())
    request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
    request.body = .bytes(ByteBuffer(string: "grant_type=client_credentials"))
    let body = try await loginStep(request, step: step)
    guard let token = try? JSONDecoder().decode(OAuthToken.self, from: body), !token.accessToken.isEmpty
    else { throw .loginFailed(step: step, detail: "the answer holds no access_token") }
    statistics.logins += 1
    bearer = token.accessToken
  }

  /// `POST /api/m2m/v1/session/login` with the user name and password. One attempt only.
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
    statistics.logins += 1
    session = answer.sessionToken
  }

  private func loginStep(_ request: HTTPClientRequest, step: String) async throws(CollectionError) -> Data {
    switch await send(request) {
    case .failed(_, let reason):
      throw .loginFailed(step: step, detail: reason)
    case .answered(let status, _, let body):
      guard status == .ok else {
        let apiError = try? JSONDecoder().decode(APIErrorBody.self, from: body)
        throw .loginFailed(
          step: step, detail: redact("HTTP \(status.code) \(apiError?.summary ?? Self.snippet(body))"))
      }
      return body
    }
  }

  // MARK: Sending

  private enum Outcome {
    case answered(HTTPResponseStatus, HTTPHeaders, Data)
    case failed(RetryCause, String)
  }

  /// Sends a request and reads its whole body; never throws.
  private func send(_ request: HTTPClientRequest) async -> Outcome {
    let timeout = TimeAmount.milliseconds(
      policy.timeout.components.seconds * 1000 + policy.timeout.components.attoseconds / 1_000_000_000_000_000
    )
    let response: HTTPClientResponse
    do {
      response = try await http.execute(request, timeout: timeout, logger: logger)
    } catch {
      return .failed(Self.isTimeout(error) ? .timeout : .connection, redact(Self.describe(error)))
    }
    do {
      let body = try await response.body.collect(upTo: Self.maxBodyBytes)
      return .answered(response.status, response.headers, Data(body.readableBytesView))
    } catch {
      if Self.isTimeout(error) { return .failed(.timeout, redact(Self.describe(error))) }
      return .failed(.truncatedBody, "the body was cut short (\(Self.describe(error)))")
    }
  }

  private func url(_ path: String) -> String {
    var base = baseURL.absoluteString
    while base.hasSuffix("/") { base.removeLast() }
    return base + path
  }

  /// Removes every secret from a message.
  private func redact(_ text: String) -> String {
    credentials.secrets.filter { $0.count >= 4 }.reduce(text) {
      $0.replacingOccurrences(of: $1, with: "[redacted]")
    }
  }

  static func isTimeout(_ error: any Error) -> Bool {
    guard let error = error as? HTTPClientError else { return false }
    return [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error)
  }

  static func describe(_ error: any Error) -> String {
    let text = (error as? HTTPClientError).map { "\($0)" } ?? String(describing: error)
    return String(text.split(whereSeparator: \.isNewline).joined(separator: " ").prefix(200))
  }

  /// The start of a body that is not a known error shape.
  static func snippet(_ body: Data) -> String {
    let text = String(decoding: body.prefix(160), as: UTF8.self)
    let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    return flat.isEmpty ? "(empty body)" : flat
  }

}

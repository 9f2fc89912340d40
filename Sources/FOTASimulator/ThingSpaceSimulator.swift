import FOTAFleet
import FOTAModel
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle
import ThingSpaceAPI
import UnixSignals

/// A faithful, local ThingSpace: the synthetic fleet's device list behind the real token and
/// session-login endpoints, with deterministic faults.
///
/// Served semantics: devices in IMEI order, `startIndex` exclusive and either `0` or an IMEI of
/// the account (else 400 `INVALID_PARAMETER` / `LastSeenDeviceId Not Valid`), the `clientType`
/// filter, 1,000 devices a page; the gateway's `900901` fault for a bad bearer token and
/// `REQUEST_FAILED.SessionToken.Expired` for an expired session.
public struct ThingSpaceSimulator: Sendable {
  public let configuration: SimulatorConfiguration
  /// The threads every simulator in the process serves on, so that a simulator inside a busy
  /// process (the tests, where every core's share of Swift's pool may be taken by a night being
  /// computed) answers as promptly as one running alone.
  static let servingThreads = DedicatedThreads(count: 2, name: "thingspace-simulator")
  private let state: SimulatorState
  private let logger: Logger

  /// Creates a simulator.
  public init(configuration: SimulatorConfiguration, logger: Logger) {
    self.configuration = configuration
    self.state = SimulatorState(configuration: configuration)
    self.logger = logger
  }

  /// What the simulator has been asked so far.
  public func statistics() async -> SimulatorStatistics {
    await state.statistics
  }

  /// Serves on `host:port` (port 0 picks a free one) until the task is cancelled; `onStart`
  /// receives the bound port.
  public func run(
    host: String = "127.0.0.1", port: Int = 0,
    onStart: @escaping @Sendable (Int) async -> Void = { _ in }
  ) async throws {
    try await serviceGroup(host: host, port: port, signals: [.sigterm, .sigint], onStart: onStart).run()
  }

  private func serviceGroup(
    host: String, port: Int, signals: [UnixSignal], onStart: @escaping @Sendable (Int) async -> Void
  ) -> ServiceGroup {
    let app = Application(
      router: router(),
      configuration: .init(address: .hostname(host, port: port), serverName: "thingspace-simulator"),
      onServerRunning: { channel in await onStart(channel.localAddress?.port ?? port) },
      logger: logger)
    return ServiceGroup(
      configuration: .init(services: [app], gracefulShutdownSignals: signals, logger: logger))
  }

  /// Starts the simulator on a free loopback port, runs `body` with its base URL, then stops it.
  /// It serves on threads of its own (``servingThreads``), so a busy process cannot keep it from
  /// answering within a test's timeouts.
  public func withRunning<Result: Sendable>(
    _ body: @Sendable (URL) async throws -> Result
  ) async throws -> Result {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let services = serviceGroup(host: "127.0.0.1", port: 0, signals: []) { port in
      continuation.yield(port)
    }
    return try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask(executorPreference: Self.servingThreads) {
        defer { continuation.finish() }
        try await services.run()
      }
      var iterator = ports.makeAsyncIterator()
      guard let port = await iterator.next() else {
        try await group.waitForAll()
        throw SimulatorError.didNotStart
      }
      let result: Swift.Result<Result, any Error>
      do {
        result = .success(try await body(URL(string: "http://127.0.0.1:\(port)")!))
      } catch {
        result = .failure(error)
      }
      await services.triggerGracefulShutdown()
      try await group.waitForAll()
      return try result.get()
    }
  }

  func router() -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.post(RouterPath(ThingSpacePaths.token)) { request, _ in
      try await self.answering(.token) { try await self.token(request) }
    }
    router.post(RouterPath(ThingSpacePaths.sessionLogin)) { request, _ in
      try await self.answering(.session) { try await self.sessionLogin(request) }
    }
    router.get("/api/fota/v1/firmware/:account") { request, context in
      try await self.answering(.firmware) {
        try await self.planning(request, account: context.parameters.get("account") ?? "", kind: .firmware)
      }
    }
    router.get("/api/fota/v1/licenses/:account/index/:startIndex") { request, context in
      try await self.answering(.licenses) {
        try await self.planning(request, account: context.parameters.get("account") ?? "", kind: .licenses)
      }
    }
    router.get("/api/fota/v1/reports/:account/status/:status/index/:startIndex") { request, context in
      try await self.answering(.upgradeReports) {
        try await self.planning(
          request, account: context.parameters.get("account") ?? "",
          kind: .upgradeReports(
            status: context.parameters.get("status") ?? "",
            startIndex: context.parameters.get("startIndex") ?? ""))
      }
    }
    router.get("/api/fota/v1/devices/:account/index/:startIndex") { request, context in
      try await self.answering(.deviceList) {
        try await self.deviceList(
          request, account: context.parameters.get("account") ?? "",
          startIndex: context.parameters.get("startIndex") ?? "")
      }
    }
    return router
  }

  /// The endpoint's answer, slowed down when the configuration says so.
  private func answering(_ endpoint: SlowAnswer.Endpoint, _ answer: () async throws -> Response)
    async throws -> Response
  {
    switch configuration.slowAnswers[endpoint] {
    case nil:
      return try await answer()
    case .stalledHead(let duration)?:
      await state.recordFault("stalled-head")
      try await Task.sleep(for: duration)
      return try await answer()
    case .tricklingBody(let interval)?:
      await state.recordFault("trickling-body")
      var response = try await answer()
      let body = response.body
      response.body = ResponseBody(contentLength: body.contentLength) { writer in
        try await body.write(TricklingWriter(inner: writer, interval: interval))
      }
      return response
    }
  }

  // MARK: Endpoints

  private func token(_ request: Request) async throws -> Response {
    if configuration.redirectLogin, let redirect = configuration.redirect {
      await state.recordFault("redirected-login")
      return Self.redirect(to: redirect.location)
    }
    var request = request
    let form = String(buffer: try await request.collectBody(upTo: 1 << 16))
    let authorised = configuration.users.contains { user in
      let expected = Data("\(user.clientId):\(user.clientSecret)".utf8).base64EncodedString()
      return request.headers[.authorization] == "Basic \(expected)"
    }
    let grant = form.split(separator: "&").contains("grant_type=client_credentials")
    let token = await state.tokenRequest(accepted: authorised && grant, ttl: configuration.tokenTTL)
    guard let token else {
      return grant
        ? Self.json(
          .unauthorized, #"{"error":"invalid_client","error_description":"Client authentication failed"}"#)
        : Self.json(
          .badRequest,
          #"{"error":"unsupported_grant_type","error_description":"grant_type must be client_credentials"}"#)
    }
    let body = try JSONEncoder().encode(OAuthToken(accessToken: token, scope: "ts.fota"))
    return Self.json(.ok, String(decoding: body, as: UTF8.self))
  }

  private func sessionLogin(_ request: Request) async throws -> Response {
    var request = request
    let body = try await request.collectBody(upTo: 1 << 16)
    let bearer = Self.bearer(request)
    guard await state.isValidBearer(bearer) else {
      _ = await state.sessionLogin(accepted: false, ttl: nil)
      return Self.invalidCredentials
    }
    let login = try? JSONDecoder().decode(SessionLoginRequest.self, from: Data(body.readableBytesView))
    let accepted = configuration.users.contains {
      $0.username == login?.username && $0.password == login?.password
    }
    guard
      let session = await state.sessionLogin(
        accepted: accepted, ttl: configuration.sessionTTL, user: login?.username ?? "")
    else {
      return Self.json(
        .badRequest,
        #"{"errorCode":"UnifiedWebService.INPUT_INVALID.Credentials.Invalid","errorMessage":"Invalid username or password."}"#
      )
    }
    let answer = try JSONEncoder().encode(SessionLoginResponse(sessionToken: session))
    return Self.json(.ok, String(decoding: answer, as: UTF8.self))
  }

  private func deviceList(_ request: Request, account: String, startIndex: String) async throws
    -> Response
  {
    let number = await state.nextDataRequest(deviceList: true)
    await state.beginRequest()
    do {
      let response = try await deviceListAnswer(
        request, account: account, startIndex: startIndex, number: number)
      await state.endRequest()
      return response
    } catch {
      await state.endRequest()
      throw error
    }
  }

  private func deviceListAnswer(_ request: Request, account: String, startIndex: String, number: Int)
    async throws -> Response
  {
    if let refusal = try await gate(request, number: number) { return refusal }
    guard let configuration = await serving(account, request) else { return Self.unknownAccount(account) }
    let clientType = request.uri.queryParameters.get("clientType")
    var filter: ClientType?
    if let clientType {
      guard let known = ClientType(rawValue: clientType) else {
        return Self.json(
          .badRequest, #"{"errorCode":"INVALID_PARAMETER","errorMessage":"Invalid clientType."}"#)
      }
      filter = known
    }
    guard
      var page = configuration.fleet.page(
        startIndex: startIndex, clientType: filter, cursorStyle: configuration.cursorStyle,
        night: configuration.night, removed: configuration.removedIMEIs)
    else {
      return Self.json(
        .badRequest, #"{"errorCode":"INVALID_PARAMETER","errorMessage":"LastSeenDeviceId Not Valid"}"#)
    }
    if let from = configuration.stallCursorFrom, number >= from, page.hasMoreData {
      await state.recordFault("stalled-cursor")
      page.body = page.body.replacingOccurrences(
        of: "\"lastSeenDeviceId\":\"\(page.nextStartIndex)\"", with: "\"lastSeenDeviceId\":\"\(startIndex)\""
      ).replacingOccurrences(
        of: "\"lastSeenDeviceId\":\(page.nextStartIndex),", with: "\"lastSeenDeviceId\":\(startIndex),")
    }
    if let every = configuration.dropEvery, number % every == 0 {
      await state.recordFault("dropped")
      return Self.cutOff(page.body)
    }
    if let every = configuration.renameDeviceListEvery, number % every == 0 {
      await state.recordFault("renamed-device-list")
      return Self.json(.ok, page.body.replacingOccurrences(of: "\"deviceList\":", with: "\"devices\":"))
    }
    await state.recordPage()
    return Self.json(.ok, page.body)
  }

  /// Latency, authorisation and the counted faults every data endpoint shares; `nil` lets the
  /// request through.
  private func gate(_ request: Request, number: Int) async throws -> Response? {
    if configuration.latency > .zero { try await Task.sleep(for: configuration.latency) }

    switch await state.authorise(
      bearer: Self.bearer(request), session: request.headers[Self.sessionHeader] ?? "")
    {
    case .authorised: break
    case .invalidBearer:
      await state.recordFault("invalid-bearer")
      return Self.invalidCredentials
    case .unknownSession:
      return Self.json(
        .badRequest,
        #"{"errorCode":"UnifiedWebService.INPUT_INVALID.SessionToken.Invalid","errorMessage":"Session token is invalid."}"#
      )
    case .expiredSession:
      await state.recordFault("expired-session")
      return Self.json(
        .badRequest,
        #"{"errorCode":"UnifiedWebService.REQUEST_FAILED.SessionToken.Expired","errorMessage":"The session has expired."}"#
      )
    }

    if let every = configuration.redirect?.every, number % every == 0 {
      await state.recordFault("redirected")
      return Self.redirect(to: configuration.redirect!.location + request.uri.description)
    }
    if let every = configuration.echoCredentialsEvery, number % every == 0 {
      await state.recordFault("echoed-credentials")
      let echoed =
        "auth \(request.headers[.authorization] ?? "") session \(request.headers[Self.sessionHeader] ?? "")"
      return Self.json(
        .internalServerError,
        #"{"errorCode":"DEBUG","errorMessage":"\#(echoed)"}"#)
    }
    if let every = configuration.failEvery, number % every == 0 {
      await state.recordFault("server-error")
      return Self.json(
        .internalServerError,
        #"{"errorCode":"INTERNAL_SERVER_ERROR","errorMessage":"Simulated failure; please retry."}"#)
    }
    if let every = configuration.rateLimitEvery, number % every == 0 {
      await state.recordFault("rate-limited")
      var response = Self.json(
        .tooManyRequests, #"{"errorCode":"TOO_MANY_REQUESTS","errorMessage":"Rate limit exceeded."}"#)
      response.headers[.retryAfter] = String(configuration.retryAfterSeconds)
      return response
    }
    return nil
  }

  private enum PlanningKind {
    case firmware, licenses
    case upgradeReports(status: String, startIndex: String)
  }

  /// The firmware list, the license pool and the upgrade reports: the same auth, counter and
  /// faults as the device list.
  private func planning(_ request: Request, account: String, kind: PlanningKind) async throws -> Response {
    let number = await state.nextDataRequest(deviceList: false)
    if let refusal = try await gate(request, number: number) { return refusal }
    guard let configuration = await serving(account, request) else { return Self.unknownAccount(account) }
    let body: Data
    switch kind {
    case .firmware: body = configuration.fleet.firmwareListBody
    case .licenses: body = await state.licenses(configuration)
    case .upgradeReports(let status, let startIndex):
      // A looping API answers every index with the first page.
      let index = configuration.brokenUpgradeReports == .repeatedCursor ? "0" : startIndex
      guard let page = await state.upgradeReport(configuration, status: status, startIndex: index) else {
        return Self.json(
          .badRequest,
          #"{"errorCode":"UnifiedWebService.REQUEST_FAILED.InvalidInput","errorMessage":"Unknown upgrade status or index."}"#
        )
      }
      body = configuration.brokenUpgradeReports.map { Self.broken(page, $0) } ?? page
    }
    if let every = configuration.dropEvery, number % every == 0 {
      await state.recordFault("dropped")
      return Self.cutOff(String(decoding: body, as: UTF8.self))
    }
    return Self.json(.ok, String(decoding: body, as: UTF8.self))
  }

  // MARK: Helpers

  /// An upgrade-report page broken as `broken` says.
  static func broken(_ page: Data, _ broken: BrokenUpgradeReport) -> Data {
    var object = (try? JSONSerialization.jsonObject(with: page)) as? [String: Any] ?? [:]
    switch broken {
    case .notJSON: return Data("<html><body>Service Temporarily Unavailable</body></html>".utf8)
    case .noReportList: object["reportList"] = nil
    case .repeatedCursor:
      object["hasMoreFlag"] = true
      object["lastSeenUpgradeId"] = 4
    case .otherAccount:
      object["reportList"] = (object["reportList"] as? [[String: Any]] ?? []).map {
        $0.merging(["accountName": "0000000000-99999"]) { $1 }
      }
    }
    return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? page
  }

  static let sessionHeader = HTTPField.Name("VZ-M2M-Token")!

  /// The answer for an account the simulator does not hold, or `nil` for its own.
  /// The configuration serving `account` to the user whose session the request carries; `nil`
  /// when the account is unknown or another user's (ThingSpace shows a user only their accounts).
  private func serving(_ account: String, _ request: Request) async -> SimulatorConfiguration? {
    guard let served = configuration.serving(account) else { return nil }
    let user = await state.user(ofSession: request.headers[Self.sessionHeader] ?? "")
    return user == served.credentials.username ? served : nil
  }

  static func unknownAccount(_ account: String) -> Response {
    json(
      .badRequest,
      #"{"errorCode":"UnifiedWebService.REQUEST_FAILED.AccountNotFound","errorMessage":"Account \#(account) not found."}"#
    )
  }

  static func bearer(_ request: Request) -> String {
    let value = request.headers[.authorization] ?? ""
    return value.hasPrefix("Bearer ") ? String(value.dropFirst("Bearer ".count)) : ""
  }

  static var invalidCredentials: Response {
    json(
      .unauthorized,
      #"{"fault":{"code":"900901","message":"Invalid Credentials","description":"Access failure for API: /api/fota/v1, version: v1. Make sure you have given the correct access token"}}"#
    )
  }

  static func redirect(to location: String) -> Response {
    Response(status: .found, headers: [.location: location], body: ResponseBody())
  }

  static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
    Response(
      status: status, headers: [.contentType: "application/json"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
  }

  /// Announces the whole body, sends half of it, then drops the connection.
  static func cutOff(_ body: String) -> Response {
    let bytes = Array(body.utf8)
    let half = ByteBuffer(bytes: bytes.prefix(bytes.count / 2))
    return Response(
      status: .ok, headers: [.contentType: "application/json"],
      body: ResponseBody(contentLength: bytes.count) { writer in
        try await writer.write(half)
        throw SimulatorError.droppedConnection
      })
  }
}

import AsyncHTTPClient
import FOTACollect
import FOTAFleet
import FOTAModel
import FOTASimulator
import FOTATestSupport
import Foundation
import Logging
import Testing
import ThingSpaceAPI

@Suite("ThingSpace wire format and simulator rules")
struct ThingSpaceAPITests {
  @Test(
    "error bodies in all three shapes",
    arguments: [
      (
        #"{"errorCode":"INVALID_PARAMETER","errorMessage":"LastSeenDeviceId Not Valid"}"#,
        "INVALID_PARAMETER", "LastSeenDeviceId Not Valid"
      ),
      (
        #"{"fault":{"code":"900901","message":"Invalid Credentials","description":"Access failure"}}"#,
        "900901", "Invalid Credentials — Access failure"
      ),
      (
        #"{"error":"invalid_client","error_description":"Client authentication failed"}"#,
        "invalid_client", "Client authentication failed"
      ),
    ])
  func errorBodies(body: String, code: String, message: String) throws {
    let decoded = try JSONDecoder().decode(APIErrorBody.self, from: Data(body.utf8))
    #expect(decoded.code == code)
    #expect(decoded.message == message)
  }

  @Test("expiry is recognised whatever the service prefix")
  func expiry() {
    #expect(
      APIErrorBody(code: "UnifiedWebService.REQUEST_FAILED.SessionToken.Expired", message: "")
        .isExpiredSession)
    #expect(!APIErrorBody(code: "REQUEST_FAILED.SessionToken.Invalid", message: "").isExpiredSession)
    #expect(APIErrorBody(code: "900901", message: "").isInvalidBearer)
  }

  @Test("cursors compare as IMEIs, numbers or strings alike")
  func cursorOrder() {
    #expect(PageCursor.number(350_000_000_000_010).isAfter("350000000000009"))
    #expect(PageCursor.string("350000000000010").isAfter("0"))
    #expect(!PageCursor.string("350000000000010").isAfter("350000000000010"))
    #expect(!PageCursor.number(0).isAfter("350000000000010"))
    #expect(PageCursor.string("1000").isAfter("999"))
  }

  @Test("startIndex must be 0 or an IMEI of the account, as ThingSpace insists")
  func startIndexRule() async throws {
    let fleet = SyntheticFleet(seed: 4, deviceCount: 1_500)
    let simulator = SimulatorConfiguration(fleet: fleet)
    let rejection: CollectionError? = try await SimulatorLauncher.withSimulator(simulator) { _, url in
      try await HTTPClient.withHTTPClient(configuration: ThingSpaceClient.httpConfiguration) { http in
        let client = ThingSpaceClient(
          baseURL: url, credentials: HTTPCollectionTests.demoLogin, policy: RetryPolicy(maxAttempts: 1),
          logger: Logger(label: "test"), redactor: SecretRedactor(), httpClient: http)
        let second = try await client.devicePage(
          account: fleet.account, startIndex: fleet.imei(at: 999), clientType: nil)
        #expect(second.page.hasMoreData == false)
        #expect(second.page.deviceList.count == 500)
        do {
          _ = try await client.devicePage(
            account: fleet.account, startIndex: "350000000000001", clientType: nil)
          return nil as CollectionError?
        } catch let error as CollectionError {
          return error
        }
      }
    }
    guard case .rejected(_, let detail)? = rejection else {
      Issue.record("expected a rejection, got \(String(describing: rejection))")
      return
    }
    #expect(detail == "HTTP 400 INVALID_PARAMETER: LastSeenDeviceId Not Valid")
  }
}

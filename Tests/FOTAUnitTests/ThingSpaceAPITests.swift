import FOTACollect
import FOTAFleet
import FOTAModel
import FOTATestSupport
import Foundation
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

}

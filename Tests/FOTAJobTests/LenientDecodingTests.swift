import CSV
import FOTACollect
import FOTAJob
import FOTAModel
import FOTATestSupport
import Foundation
import Testing
import ThingSpaceAPI

@Suite("lenient decoding of hostile pages")
struct LenientDecodingTests {
  static let firstPage = """
    {"accountName":"0000123456-00001","hasMoreData":"true","lastSeenDeviceId":"900000000000005",
     "maxPageSize":1000,"unexpected":{"nested":[1,2,3]},
     "deviceList":[
      {"deviceId":"900000000000001","mdn":"0000040881","model":"Model-A","make":"Verizon",
       "firmware":"FW-01","fotaEligible":true,"licenseAssigned":true,
       "upgradeTime":"2018-03-03 00:28:33.152 +0000 UTC","status":"Active","clientType":"OMADM",
       "softwareList":[{"name":"x"}],"createTime":null},
      {"deviceId":"900000000000002","model":"Model-A","make":"Verizon","firmware":"FW-01",
       "fotaEligible":"TRUE","licenseAssigned":"false","upgradeTime":null},
      {"deviceId":900000000000003,"mdn":5551234,"model":"Model-A","make":42,"firmware":"FW-02",
       "fotaEligible":"yes","licenseAssigned":1,"upgradeTime":"soon"},
      "not a device",
      null,
      [1,2],
      {"mdn":"0000000001","model":"Model-A","make":"Verizon","firmware":"FW-01"},
      {"deviceId":"  ","model":"Model-A"},
      {"deviceId":"900000000000004","model":"Model-B","make":"Verizon","firmware":"FW-01",
       "fotaEligible":true,"licenseAssigned":false,"upgradeTime":"01/01/1900 0:0:0",
       "clientType":"LWM2M"},
      {"deviceId":"900000000000001","model":"Changed","make":"Changed","firmware":"FW-09",
       "fotaEligible":false,"licenseAssigned":false},
      {"deviceId":"900000000000005","model":{"odd":true},"make":"Verizon","firmware":"FW-01",
       "fotaEligible":false,"licenseAssigned":true,"upgradeTime":"  "}
     ]}
    """
  static let lastPage = """
    {"accountName":"0000123456-00001","hasMoreData":false,"lastSeenDeviceId":0,"deviceList":[]}
    """

  @Test("odd records are decoded, counted, or skipped; none fails the run")
  func hostilePage() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let pages = try fixture.writePages([Self.firstPage, Self.lastPage])
    let outcome = try await fixture.run(fixture.configuration(.pages(directory: pages)))

    #expect(outcome.figures.account == "0000123456-00001")
    #expect(outcome.figures.pages == 2)
    #expect(outcome.figures.records == 11)
    #expect(outcome.figures.skipped == 5)  // three non-objects, two without a deviceId
    #expect(outcome.summary.duplicates == 1)
    #expect(outcome.summary.totals.devices == 5)

    let diagnostics = outcome.diagnostics
    #expect(diagnostics.count(of: .malformedRecord) == 3)
    #expect(diagnostics.count(of: .missingDeviceId) == 2)
    #expect(diagnostics.count(of: .duplicateDeviceId) == 1)
    #expect(diagnostics.count(of: .booleanAsText) == 2)
    #expect(diagnostics.count(of: .invalidBoolean) == 2)
    #expect(diagnostics.count(of: .invalidUpgradeTime) == 1)
    #expect(diagnostics.count(of: .wrongType) == 4)  // deviceId, mdn and make numbers; model object

    let rows = try CSVReader(string: fixture.text("devices.csv"), hasHeaderRow: true)
    var devices: [String: [String: String]] = [:]
    while rows.next() != nil {
      devices[rows["deviceId"]!] = Dictionary(
        uniqueKeysWithValues: rows.headerRow!.map { ($0, rows[$0]!) })
    }
    #expect(devices.keys.sorted() == (1...5).map { "90000000000000\($0)" })
    // The first record of a duplicated id is kept.
    #expect(devices["900000000000001"]?["make"] == "Verizon")
    #expect(devices["900000000000001"]?["readiness"] == "ready")
    #expect(devices["900000000000001"]?["upgradeTime"] == "2018-03-03T00:28:33.152Z")
    // Booleans as text; a null upgradeTime is unknown.
    #expect(devices["900000000000002"]?["readiness"] == "needs-license")
    #expect(devices["900000000000002"]?["upgradeState"] == "unknown")
    // Numbers where text belongs are converted; unreadable booleans are false.
    #expect(devices["900000000000003"]?["make"] == "42")
    #expect(devices["900000000000003"]?["mdn"] == "5551234")
    #expect(devices["900000000000003"]?["readiness"] == "ineligible")
    #expect(devices["900000000000003"]?["upgradeState"] == "invalid")
    #expect(devices["900000000000003"]?["upgradeTimeRaw"] == "soon")
    #expect(devices["900000000000004"]?["upgradeState"] == "never")
    #expect(devices["900000000000004"]?["clientType"] == "LWM2M")
    #expect(devices["900000000000005"]?["model"] == "")
    #expect(devices["900000000000005"]?["upgradeState"] == "unknown")
  }

  @Test("--client-type keeps only matching devices, as the API's filter would")
  func clientTypeFilter() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let pages = try fixture.writePages([Self.firstPage, Self.lastPage])
    var configuration = fixture.configuration(.pages(directory: pages))
    configuration.clientType = .lwm2m
    let outcome = try await fixture.run(configuration)
    #expect(outcome.summary.totals.devices == 1)
    #expect(outcome.figures.filteredOut == 5)
    #expect(outcome.summary.byClientType.keys.sorted() == ["LWM2M"])
  }
}

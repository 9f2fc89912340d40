import FOTAModel
import PropertyBased
import Testing
import ThingSpaceAPI

/// The rules every stage shares, each defined once and tested here once: readiness and the plan
/// status it gives, a percentage, when to ask for the next page, an id as a number, and the
/// history's own instants.
@Suite("shared rules")
struct SharedRulesTests {
  @Test("readiness: eligible and licensed is ready; eligible alone needs a license; else ineligible")
  func readiness() {
    #expect(Readiness(fotaEligible: true, licenseAssigned: true) == .ready)
    #expect(Readiness(fotaEligible: true, licenseAssigned: false) == .needsLicense)
    #expect(Readiness(fotaEligible: false, licenseAssigned: true) == .ineligible)
    #expect(Readiness(fotaEligible: false, licenseAssigned: false) == .ineligible)
    #expect(PlanStatus(onPath: .ready) == .ready)
    #expect(PlanStatus(onPath: .needsLicense) == .needsLicense)
    #expect(PlanStatus(onPath: .ineligible) == .ineligible)
  }

  @Test("a percentage has one decimal, rounded half up; its change is in points")
  func percentage() {
    #expect(Percentage(1, of: 3).text == "33.3")
    #expect(Percentage(2, of: 3).text == "66.7")
    #expect(Percentage(1, of: 2_000).text == "0.1")  // 0.05 rounds up
    #expect(Percentage(1, of: 2_001).text == "0.0")
    #expect(Percentage(5, of: 0).text == "0.0")
    #expect(Percentage(712, of: 1_000).value == 71.2)
    #expect(Percentage(713, of: 1_000).points(since: Percentage(700, of: 1_000)) == "+1.3")
    #expect(Percentage(696, of: 1_000).points(since: Percentage(700, of: 1_000)) == "-0.4")
    #expect(Percentage(1, of: 3).points(since: Percentage(2, of: 6)) == "±0.0")
  }

  @Test("the next page is asked for only while there is more, the cursor moves on and the page has devices")
  func nextPage() {
    let device = DeviceEntry.malformed("null")
    func page(_ more: Bool?, _ cursor: PageCursor?, _ devices: [DeviceEntry] = [device]) -> DeviceListPage {
      DeviceListPage(accountName: nil, hasMoreData: more, lastSeenDeviceId: cursor, deviceList: devices)
    }
    #expect(page(true, .string("200")).nextStartIndex(after: "100") == "200")
    #expect(page(true, .number(200)).nextStartIndex(after: "0") == "200")
    #expect(page(false, .string("200")).nextStartIndex(after: "100") == nil)
    #expect(page(nil, .string("200")).nextStartIndex(after: "100") == nil)
    #expect(page(true, .string("100")).nextStartIndex(after: "100") == nil)
    #expect(page(true, .string("99")).nextStartIndex(after: "100") == nil)
    #expect(page(true, nil).nextStartIndex(after: "100") == nil)
    #expect(page(true, .string("200"), []).nextStartIndex(after: "100") == nil)
  }

  @Test("an id is a number when it is 1 to 18 digits without a leading zero, and numbers keep the IMEI order")
  func idNumbers() async {
    #expect(DeviceID.number("990000862471854") == 990_000_862_471_854)
    #expect(DeviceID.number("0") == 0)
    #expect(DeviceID.number("007") == nil)
    #expect(DeviceID.number("1234567890123456789") == nil)
    #expect(DeviceID.number("12a") == nil)
    #expect(DeviceID.number("") == nil)
    #expect(DeviceID.isDigits("00123") && !DeviceID.isDigits("") && !DeviceID.isDigits("12 3"))
    await propertyCheck(
      input: Gen.int(in: 0...999_999_999_999_999_999), Gen.int(in: 0...999_999_999_999_999_999)
    ) { left, right in
      let (a, b) = (String(left), String(right))
      #expect((DeviceID.number(a)! < DeviceID.number(b)!) == DeviceID.precedes(a, b))
    }
  }

  @Test("the history reads back exactly the instants it writes, and nothing else")
  func storedInstants() async {
    await propertyCheck(input: Gen.int(in: -2_208_988_800_000...4_102_444_799_999)) { milliseconds in
      let instant = Int64(milliseconds)
      #expect(CivilCalendar.milliseconds(iso8601: CivilCalendar.iso8601(milliseconds: instant)) == instant)
    }
    #expect(CivilCalendar.milliseconds(iso8601: "2026-11-01") == 1_793_491_200_000)
    for text in [
      "2026-11-01 00:00:00", "01/01/1900 0:0:0", "2026-02-30", "2026-11-01T24:00:00.000Z", "", "now",
    ] {
      #expect(CivilCalendar.milliseconds(iso8601: text) == nil, "\(text)")
    }
  }
}

import FOTAModel
import FOTANormalise
import FOTATestSupport
import Foundation
import PropertyBased
import Testing
import ThingSpaceAPI
import ThingSpaceReferenceDecoding

@Suite("page decoder")
struct DeviceListDecoderTests {
  static func decode(_ text: String) throws(DeviceListDecodingError) -> DeviceListPage {
    var decoder = DeviceListDecoder()
    return try decoder.decode(Array(text.utf8))
  }

  static func decode(_ bytes: [UInt8]) throws(DeviceListDecodingError) -> DeviceListPage {
    var decoder = DeviceListDecoder()
    return try decoder.decode(bytes)
  }

  static func reference(_ bytes: [UInt8]) -> DeviceListPage? {
    try? JSONDecoder().decode(DeviceListPage.self, from: Data(bytes))
  }

  @Test("valid pages decode exactly as Foundation's JSONDecoder decodes them", arguments: 0..<4)
  func agreesWithFoundation(block: Int) async {
    await propertyCheck(count: 150, input: Gen.int(in: 0...Int.max)) { seed in
      var pages = RandomPages(seed: UInt64(seed) &+ UInt64(block))
      let body = Array(pages.validPage().utf8)
      let expected = Self.reference(body)
      #expect(
        expected != nil,
        "Foundation refused a page the generator made: \(String(decoding: body, as: UTF8.self))")
      let decoded = try? Self.decode(body)
      #expect(decoded == expected, "\(String(decoding: body, as: UTF8.self))")
    }
  }

  @Test("hostile bodies never crash the decoder or the normaliser", arguments: 0..<4)
  func hostileBodies(block: Int) async {
    await propertyCheck(count: 250, input: Gen.int(in: 0...Int.max)) { seed in
      var pages = RandomPages(seed: UInt64(seed) &* 31 &+ UInt64(block))
      let body = pages.hostilePage()
      let normaliser = DeviceNormaliser(asOf: 1_793_491_200_000)
      var diagnostics = Diagnostics()
      do {
        let page = try Self.decode(body)
        for entry in page.deviceList {
          if let device = normaliser.normalise(entry, page: 1, diagnostics: &diagnostics) {
            #expect(device.deviceId.utf8.count <= WireValue.maximumTextBytes)
            #expect(device.upgrade.raw.map { $0.utf8.count <= WireValue.maximumTextBytes } ?? true)
          }
        }
      } catch let error as DeviceListDecodingError {
        #expect(!error.description.isEmpty)
      } catch {
        Issue.record("unexpected error \(error)")
      }
    }
  }

  @Test("text that is not UTF-8 costs that field, honestly named; the rest of the page stays")
  func invalidUTF8() throws {
    let body =
      Array(#"{"hasMoreData":false,"deviceList":[{"deviceId":"351","make":"Acme "#.utf8) + [0xC3, 0x28]
      + Array(#"","model":"M1"},{"deviceId":""#.utf8) + [0xFF]
      + Array(#"","model":"M2"},{"deviceId":"352"}]}"#.utf8)
    let page = try Self.decode(body)
    #expect(page.deviceList.count == 3)
    guard case .device(let first) = page.deviceList[0], case .device(let second) = page.deviceList[1] else {
      Issue.record("expected devices")
      return
    }
    #expect(first.make == .invalidUTF8)
    #expect(first.model == .string("M1"))
    #expect(second.deviceId == .invalidUTF8)

    var diagnostics = Diagnostics()
    let normaliser = DeviceNormaliser(asOf: 0)
    let devices = page.deviceList.compactMap { normaliser.normalise($0, page: 1, diagnostics: &diagnostics) }
    #expect(devices.map(\.deviceId) == ["351", "352"])
    #expect(devices[0].make == "")
    #expect(diagnostics.count(of: .invalidUTF8) == 2)
    #expect(diagnostics.count(of: .wrongType) == 0)
    #expect(diagnostics.count(of: .missingDeviceId) == 0)
    #expect(
      diagnostics.sortedEntries.first { $0.key.kind == .invalidUTF8 }?.key.kind.summary.contains("not UTF-8")
        == true)
  }

  @Test("lone surrogates are invalid text; surrogate pairs are one character")
  func surrogates() throws {
    let page = try Self.decode(
      #"{"deviceList":[{"deviceId":"1","make":"\ud83d\ude00!","model":"\ud800x","status":"\udc00"}]}"#)
    guard case .device(let device) = page.deviceList[0] else { return }
    #expect(device.make == .string("😀!"))
    #expect(device.model == .invalidUTF8)
    #expect(device.status == .invalidUTF8)
  }

  @Test("text longer than 1,024 bytes is cut on a character boundary, with a diagnostic")
  func oversized() throws {
    let long = String(repeating: "a", count: 1_023) + "東京" + String(repeating: "b", count: 5_000)
    let page = try Self.decode(
      #"{"deviceList":[{"deviceId":"1","firmware":"\#(long)","upgradeTime":"\#(long)"}]}"#)
    guard case .device(let device) = page.deviceList[0], case .oversized(let firmware) = device.firmware
    else {
      Issue.record("expected an oversized firmware")
      return
    }
    #expect(firmware == String(repeating: "a", count: 1_023))
    var diagnostics = Diagnostics()
    let normalised = try #require(
      DeviceNormaliser(asOf: 0).normalise(device, page: 1, diagnostics: &diagnostics))
    #expect(normalised.firmware.utf8.count == 1_023)
    #expect(normalised.upgrade.state == .invalid)
    #expect(diagnostics.count(of: .oversizedValue) == 2)
    #expect(diagnostics.count(of: .invalidUpgradeTime) == 1)
  }

  @Test(
    "a body without a deviceList array is not a page, and says why",
    arguments: [
      (#"{"accountName":"A","hasMoreData":false}"#, "deviceList is missing, not an array of devices"),
      (#"{"deviceList":null,"hasMoreData":false}"#, "deviceList is null, not an array of devices"),
      (#"{"deviceList":{"0":{}},"hasMoreData":false}"#, "deviceList is an object, not an array of devices"),
      (#"{"devicelist":[],"hasMoreData":false}"#, "deviceList is missing, not an array of devices"),
      (#"[{"deviceId":"1"}]"#, "the body is not a JSON object"),
      ("", "the body is empty"),
      (#"{"deviceList":[{"deviceId":"1"}]"#, "the body ends at byte 32 in the middle of a value (cut short)"),
      (#"{"deviceList":[]} {}"#, "not valid JSON at byte 18: more data after the end of the object"),
      (#"{"deviceList":[01]}"#, "not valid JSON at byte 16: expected ',' or ']'"),
    ])
  func notAPage(body: String, reason: String) {
    #expect(throws: DeviceListDecodingError.self) { try Self.decode(body) }
    do {
      _ = try Self.decode(body)
    } catch {
      #expect(error.description == reason)
    }
  }

  @Test("deep nesting is refused without exhausting the stack")
  func deepNesting() {
    let depth = 200_000
    let body =
      #"{"deviceList":[],"x":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
      + "}"
    #expect {
      try Self.decode(body)
    } throws: { error in
      guard case .tooDeep = error as? DeviceListDecodingError else { return false }
      return true
    }
    let shallow =
      #"{"deviceList":[],"x":"# + String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
      + "}"
    #expect((try? Self.decode(shallow)) != nil)
  }

  @Test("numbers of any size are text or no cursor, never a trap")
  func hugeNumbers() throws {
    let digits = String(repeating: "9", count: 40)
    let page = try Self.decode(
      #"{"hasMoreData":true,"lastSeenDeviceId":\#(digits),"deviceList":[{"deviceId":\#(digits),"make":-1.5e999}]}"#
    )
    #expect(page.lastSeenDeviceId == nil)
    guard case .device(let device) = page.deviceList[0] else { return }
    #expect(device.deviceId == .number(digits))
    #expect(device.make == .number("-1.5e999"))
    #expect(
      try Self.decode(#"{"lastSeenDeviceId":9223372036854775807,"deviceList":[]}"#).lastSeenDeviceId
        == .number(.max))
  }

  @Test("a UTF-8 byte order mark and white space around the body are accepted")
  func byteOrderMark() throws {
    let page = try Self.decode(
      [0xEF, 0xBB, 0xBF] + Array(" \n{\"deviceList\":[],\"hasMoreData\":false}\r\n".utf8))
    #expect(page.hasMoreData == false)
  }
}

import FOTACollect
import FOTAJob
import FOTAModel
import FOTANightDevices
import FOTATestSupport
import Foundation
import Testing

/// The one IMEI order through whole nights: the spool, the reports and the history.
@Suite("the IMEI order through a night")
struct IMEIOrderTests {
  /// Ids of 15, 24, 25, 30 and 40 digits, some with leading zeros, and some that are not numbers.
  static let ids = [
    "350000000000001", "0350000000000002", String(repeating: "9", count: 24),
    "1" + String(repeating: "0", count: 24),
    "2" + String(repeating: "1", count: 29), "000" + String(repeating: "5", count: 30),
    String(repeating: "8", count: 40),
    "imei-A", "imei-B", "Z1",
  ]

  @Test("the spool gives back devices in the one order, however they arrived")
  func spool() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    for order in [Self.ids, Self.ids.reversed(), Self.ids.shuffled()] {
      let spool = try DeviceSpool(url: directory.path("spool-\(UUID().uuidString.prefix(6))"))
      for id in order { try spool.append(Device(deviceId: id)) }
      #expect(try spool.devicesInIMEIOrder().map(\.device.deviceId) == Self.ids.sorted(by: DeviceID.precedes))
    }
  }

  @Test("an identical night with ids of any length changes nothing in the history")
  func identicalNights() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let history = fixture.directory.path("history.sqlite")
    // Pages in IMEI order, as ThingSpace pages them.
    let sorted = Self.ids.sorted(by: DeviceID.precedes)
    let pages = [
      PageText.page("A", more: true, cursor: "\"\(sorted[4])\"", ids: Array(sorted[..<5])),
      PageText.page("A", more: false, cursor: "0", ids: Array(sorted[5...])),
    ]
    var configuration = fixture.configuration(.pages(directory: try fixture.writePages(pages)))
    configuration.history = history
    for night in 0...2 {
      configuration.asOf = JobFixture.asOf + Int64(night) * 86_400_000
      let outcome = try await fixture.run(configuration)
      #expect(outcome.delta?.changes == [], "night \(night): \(outcome.delta?.changes ?? [])")
      let rows = try CSVFile.read(fixture.text("devices.csv")).rows.map { $0[0] }
      #expect(rows == sorted)
    }
  }
}

import CSV
import FOTACollect
import FOTAFleet
import FOTAJob
import FOTAModel
import FOTARender
import FOTATestSupport
import Foundation
import Testing

@Suite("CSV output")
struct CSVOutputTests {
  @Test("every file parses back with an independent parser, hostile strings intact")
  func parsesBack() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var configuration = fixture.configuration(.demo(seed: 42, devices: 2_000))
    configuration.formats = [.csv]
    let outcome = try await fixture.run(configuration)

    let devices = try CSVFile.read(fixture.text("devices.csv"))
    #expect(devices.header == DevicesCSV.columns)
    #expect(devices.rows.count == outcome.summary.totals.devices)
    #expect(devices.rows.allSatisfy { $0.count == devices.header.count })
    let ids = devices.rows.map { $0[0] }
    #expect(ids == ids.sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 })
    #expect(Set(ids).count == ids.count)

    // Hostile names survive the round trip, with the formula guard as the only change.
    let models = Set(devices.rows.map { $0[3] })
    #expect(models.contains("Multi\nLine 'Model'"))
    #expect(models.contains("'=HYPERLINK(\"http://example.invalid\")"))
    let makes = Set(devices.rows.map { $0[2] })
    #expect(makes.contains("ACME <Labs> & \"Sons\""))
    #expect(makes.contains("Comma, Inc."))
    let firmware = Set(devices.rows.map { $0[4] })
    #expect(firmware.contains("FW\r\nCRLF"))
    #expect(firmware.contains("'-rc2"))
    #expect(firmware.contains("'\tTabbed"))
    // No cell anywhere starts a formula.
    for name in [
      "devices.csv", "by-model-firmware.csv", "by-model.csv", "by-firmware.csv",
      "readiness.csv", "upgrade-age.csv",
    ] {
      let file = try CSVFile.read(fixture.text(name))
      #expect(!file.rows.isEmpty, "\(name)")
      for cell in file.rows.joined() {
        #expect(
          !["=", "+", "-", "@", "\t", "\r"].contains(cell.first.map(String.init) ?? ""), "\(name): \(cell)")
      }
    }

    let modelFirmware = try CSVFile.read(fixture.text("by-model-firmware.csv"))
    #expect(
      modelFirmware.header == [
        "make", "model", "firmware", "devices", "fotaEligible", "licenseAssigned", "ready",
        "neverUpgraded",
      ])
    #expect(modelFirmware.rows.map { Int($0[3])! }.reduce(0, +) == outcome.summary.totals.devices)
    let upgradeAge = try CSVFile.read(fixture.text("upgrade-age.csv"))
    #expect(upgradeAge.rows.map { Int($0[2])! }.reduce(0, +) == outcome.summary.totals.devices)
  }
}

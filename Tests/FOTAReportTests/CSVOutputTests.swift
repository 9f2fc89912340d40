import CSV
import FOTAFleet
import FOTARender
import Foundation
import Testing

@Suite("CSV output")
struct CSVOutputTests {
  @Test(
    "cells are RFC 4180 and never start a formula",
    arguments: [
      ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
      ("two\nlines", "\"two\nlines\""), ("=1+1", "'=1+1"), ("+1", "'+1"), ("-rc2", "'-rc2"),
      ("@latest", "'@latest"), ("\tTab", "'\tTab"), ("\r\nCR", "\"'\r\nCR\""),
      ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""), ("Ünïcødé", "Ünïcødé"), ("", ""),
      (" =1+1", "' =1+1"), ("  @SUM(A1)", "'  @SUM(A1)"), ("\n=cmd", "\"'\n=cmd\""), ("＝1+1", "'＝1+1"),
      ("＋1", "'＋1"), ("－1", "'－1"), ("＠x", "'＠x"), (" ＝x", "' ＝x"), ("-3", "-3"), ("-3.5", "-3.5"),
      ("- 3", "'- 3"), ("-", "'-"), ("--3", "'--3"), ("-3.", "'-3."), ("-3.5.1", "'-3.5.1"), ("a=b", "a=b"),
    ])
  func cells(raw: String, encoded: String) {
    #expect(CSVRow.encodeCell(raw) == encoded)
  }

  /// Reads a whole CSV file with an independent RFC 4180 parser.
  static func read(_ text: String) throws -> (header: [String], rows: [[String]]) {
    let reader = try CSVReader(string: text, hasHeaderRow: true)
    var rows: [[String]] = []
    while let row = reader.next() { rows.append(row) }
    return (reader.headerRow ?? [], rows)
  }

  /// Every maximal run of ASCII digits in a text.
  static func digitRuns(in text: String) -> Set<String> {
    Set(text.split { !("0"..."9").contains($0) }.map(String.init))
  }

  @Test("every file parses back with an independent parser, hostile strings intact")
  func parsesBack() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var configuration = fixture.configuration(.demo(seed: 42, devices: 2_000))
    configuration.formats = [.csv]
    let outcome = try await fixture.run(configuration)

    let devices = try Self.read(fixture.text("devices.csv"))
    #expect(devices.header == CSVReportRenderer.deviceColumns)
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
      let file = try Self.read(fixture.text(name))
      #expect(!file.rows.isEmpty, "\(name)")
      for cell in file.rows.joined() {
        #expect(
          !["=", "+", "-", "@", "\t", "\r"].contains(cell.first.map(String.init) ?? ""), "\(name): \(cell)")
      }
    }

    let modelFirmware = try Self.read(fixture.text("by-model-firmware.csv"))
    #expect(
      modelFirmware.header == [
        "make", "model", "firmware", "devices", "fotaEligible", "licenseAssigned", "ready",
        "neverUpgraded",
      ])
    #expect(modelFirmware.rows.map { Int($0[3])! }.reduce(0, +) == outcome.summary.totals.devices)
    let upgradeAge = try Self.read(fixture.text("upgrade-age.csv"))
    #expect(upgradeAge.rows.map { Int($0[2])! }.reduce(0, +) == outcome.summary.totals.devices)
  }
}

import FOTACollect
import FOTAJob
import FOTAModel
import FOTANightDevices
import FOTAPlan
import FOTARender
import FOTATestSupport
import Foundation
import Testing

/// `report.xlsx`, read back by an independent reader (openpyxl, through
/// `Tests/Support/read_workbook.py`).
@Suite("report.xlsx")
struct WorkbookTests {
  struct ReadBack: Decodable {
    struct Sheet: Decodable {
      var name: String
      var header: [String]
      var rows: Int
      var types: [[String]]
      var frozen: String?
      var autofilter: String?
      var first: [String?]
    }
    var sheets: [Sheet]
    var charts: [String]

    func sheet(_ name: String) throws -> Sheet {
      try #require(sheets.first { $0.name == name }, "no sheet \(name) in \(sheets.map(\.name))")
    }
  }

  /// Every non-empty cell of one sheet, as text.
  static func cells(_ file: URL, sheet: String) async throws -> [String] {
    let data = try await TestPython.output("read_workbook.py", [file.path, sheet])
    return try JSONDecoder().decode([[String?]].self, from: data).flatMap { $0.compactMap { $0 } }
  }

  static func read(_ file: URL) async throws -> ReadBack {
    let data = try await TestPython.output("read_workbook.py", [file.path])
    return try JSONDecoder().decode(ReadBack.self, from: data)
  }

  @Test("sheets, headers, cell types and row counts equal to the CSVs, read back by openpyxl")
  func readBack() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    for night in 0...1 {
      var configuration = fixture.configuration(.demo(seed: 5, devices: 3_000, night: night))
      configuration.asOf = JobFixture.asOf + Int64(night) * 86_400_000
      configuration.history = fixture.directory.path("history.sqlite")
      configuration.plan = PlanOptions()
      configuration.xlsxDevices = true
      _ = try await fixture.run(configuration)
    }
    let workbook = try await Self.read(fixture.output.appendingPathComponent("report.xlsx"))
    #expect(
      workbook.sheets.map(\.name) == [
        "Summary", "By model & firmware", "Upgrade age", "Campaigns", "Plan", "Changes", "Devices",
      ])
    #expect(workbook.charts.count == 1)

    let pairs: [(sheet: String, csv: String, header: [String])] = [
      ("Devices", "devices.csv", ReportWorkbook.deviceColumns),
      ("Plan", "upgrade-plan.csv", ReportWorkbook.planColumns),
      ("Changes", "changes.csv", ReportWorkbook.changeColumns),
      ("By model & firmware", "by-model-firmware.csv", ReportWorkbook.modelFirmwareColumns),
      ("Upgrade age", "upgrade-age.csv", ReportWorkbook.upgradeAgeColumns),
    ]
    for pair in pairs {
      let sheet = try workbook.sheet(pair.sheet)
      let csv = try CSVFile.read(fixture.text(pair.csv))
      #expect(sheet.header == pair.header, "\(pair.sheet)")
      #expect(sheet.rows == csv.rows.count, "\(pair.sheet) against \(pair.csv)")
      #expect(sheet.rows > 0, "\(pair.sheet)")
      #expect(sheet.frozen == "A2", "\(pair.sheet)")
    }

    let devices = try workbook.sheet("Devices")
    let csv = try CSVFile.read(fixture.text("devices.csv"))
    #expect(devices.autofilter == "A1:M\(csv.rows.count + 1)")
    // Ids are text with every digit; flags are booleans; times are dates.
    #expect(devices.types[0] == ["str"])
    #expect(devices.first[0] == csv.rows[0][0])
    #expect(devices.types[6] == ["bool"])
    #expect(devices.types[7] == ["bool"])
    #expect(devices.types[10] == ["datetime"])
    #expect(devices.types[11] == ["int"])
    // The file a fleet manager forwards holds no phone number.
    #expect(!devices.header.contains("MDN"))
    let phones = Set(csv.rows.map { $0[1] }.filter { !$0.isEmpty })
    #expect(!phones.isEmpty)
    for sheet in workbook.sheets.map(\.name) {
      let cells = try await Self.cells(fixture.output.appendingPathComponent("report.xlsx"), sheet: sheet)
      #expect(cells.allSatisfy { !phones.contains($0) }, "a phone number in sheet \(sheet)")
    }
    let plan = try workbook.sheet("Plan")
    #expect(plan.types[9] == ["int"])
    // The Campaigns sheet: upgrades of campaign-outcomes.csv, in flight or finished lately, with
    // their figures as numbers.
    let campaigns = try workbook.sheet("Campaigns")
    #expect(campaigns.header == ReportWorkbook.campaignColumns)
    let outcomes = try CSVFile.read(fixture.text("campaign-outcomes.csv"))
    let listed = try await Self.cells(
      fixture.output.appendingPathComponent("report.xlsx"), sheet: "Campaigns"
    )
    .filter { id in outcomes.rows.contains { $0[0] == id } }
    #expect(!listed.isEmpty)
    #expect(Set(listed).count == listed.count)
    #expect(campaigns.types[8] == ["int"])
    #expect(!campaigns.types[14].isEmpty && Set(campaigns.types[14]).isSubset(of: ["float", "int"]))
    let summary = try workbook.sheet("Summary")
    #expect(summary.first.prefix(2) == ["Account", "0242078698-00001"])
  }

  @Test(
    "by default the workbook has the summary sheets and chart, no per-device sheet, and says where the devices are"
  )
  func summaryOnly() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var configuration = fixture.configuration(.demo(seed: 5, devices: 3_000))
    configuration.plan = PlanOptions()
    _ = try await fixture.run(configuration)
    let workbook = try await Self.read(fixture.output.appendingPathComponent("report.xlsx"))
    #expect(workbook.sheets.map(\.name) == ["Summary", "By model & firmware", "Upgrade age", "Campaigns"])
    #expect(workbook.charts.count == 1)
    let text = try await Self.cells(fixture.output.appendingPathComponent("report.xlsx"), sheet: "Summary")
      .joined(separator: "\n")
    #expect(
      text.contains("devices.csv beside this workbook; --xlsx-devices puts it in a Devices sheet"), "\(text)")
    #expect(text.contains("upgrade-plan.csv beside this workbook"), "\(text)")
  }

  @Test("a sheet past the row limit goes on in \"Devices (2)\", every device once")
  func continuation() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try await RendererGoldenTests.model(in: directory)
    let output = directory.path("workbook")
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    let folder = ReportFolder(url: output)
    let workbook = try ReportWorkbook(
      folder: folder, asOf: model.summary.asOf, planning: true, history: false, rowLimit: 51)
    var written = 0
    for record in model.devices {
      try workbook.write(record)
      written += 1
    }
    try workbook.complete(model, into: folder)
    let read = try await Self.read(output.appendingPathComponent(ReportWorkbook.fileName))
    let names = read.sheets.map(\.name)
    let deviceSheets = read.sheets.filter { $0.name == "Devices" || $0.name.hasPrefix("Devices (") }
    #expect(deviceSheets.map(\.name) == ["Devices", "Devices (2)", "Devices (3)", "Devices (4)"])
    #expect(deviceSheets.dropLast().allSatisfy { $0.rows == 50 })
    #expect(deviceSheets.map(\.rows).reduce(0, +) == written)
    #expect(deviceSheets.allSatisfy { $0.header == ReportWorkbook.deviceColumns })
    #expect(names.contains("Plan (2)"))
    #expect(names.first == "Summary")
  }
}

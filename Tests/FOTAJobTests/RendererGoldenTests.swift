import FOTACollect
import FOTAFleet
import FOTAHistory
import FOTAModel
import FOTANightDevices
import FOTAPlan
import FOTARender
import FOTATestSupport
import Foundation
import Logging
import Testing

/// Each renderer alone, on one small night with history and planning, against a golden folder of
/// its own in `Tests/Goldens/` (`FOTA_RECORD_GOLDEN=1` records them, and fails).
@Suite("renderer goldens")
struct RendererGoldenTests {
  static let goldens = RepositoryPaths.root.appendingPathComponent("Tests/Goldens")

  /// Night 1 of a 150-record demo fleet, compared with night 0: every shape, quirk and model line,
  /// a delta, trends, plans and campaigns.
  static func model(in directory: TemporaryDirectory) async throws -> ReportModel {
    let history = try HistoryStore(path: directory.path("history.sqlite").path)
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    var prepared: PreparedNight?
    var night: CollectedNight?
    for index in 0...1 {
      let asOf = JobFixture.asOf + Int64(index) * 86_400_000
      let collector = NightCollector(
        settings: .init(
          account: nil, clientType: nil, asOf: asOf, plan: PlanOptions(maxDevicesPerRequest: 20)),
        logger: logger)
      var source = FleetPageSource(fleet: SyntheticFleet(seed: 42, deviceCount: 150), night: index * 40)
      let spool = try DeviceSpool(url: directory.path("spool-\(index)"))
      let collected = try await collector.collect(from: &source, into: spool, recorder: nil)
      let compared = try history.prepare(
        account: collected.figures.account, clientTypeFilter: nil, asOf: asOf, summary: collected.summary,
        devices: try collected.devices(), upgrades: collected.planning?.outcomes?.totals, trendNights: 30,
        targetPercent: 95)
      if index == 0 {
        try history.markPublished(try history.commit(compared, devices: try collected.devices(), output: ""))
      }
      (prepared, night) = (compared, collected)
    }
    let collected = try #require(night)
    var figures = collected.figures
    figures.collectSeconds = 0
    var model = ReportModel(
      figures: figures, summary: collected.summary, diagnostics: collected.diagnostics,
      devices: try collected.devices())
    model.planning = collected.planning
    model.campaigns = collected.planning.flatMap {
      CampaignReview(planning: $0, asOf: figures.asOf, before: prepared?.history.upgradesBefore)
    }
    model.delta = prepared?.history.delta
    model.trends = prepared?.history.trends
    model.historyEnabled = true
    return model
  }

  enum Renderer: String, CaseIterable {
    case groupedCSV = "grouped-csv"
    case devicesCSV = "devices-csv"
    case planFiles = "plan-files"
    case campaignFiles = "campaign-files"
    case html
    case xml
    case runRecord = "run-json"

    func render(_ model: ReportModel, into folder: ReportFolder) throws {
      let templates = try ReportTemplates(directory: RepositoryPaths.templates)
      let request = OutputRequest(
        folder: folder, formats: Set(ReportFormat.allCases), templates: templates, asOf: model.summary.asOf,
        planning: true, history: true, xmlDevices: true)
      let outputs: [(any ReportOutput)?] =
        switch self {
        case .groupedCSV: [SummaryCSVFiles.open(request)]
        case .devicesCSV: [try DevicesCSV.open(request)]
        case .planFiles: [try PlanFiles.openUpgradePlan(request), try PlanFiles.openLicenseReclaim(request)]
        case .campaignFiles: [CampaignFiles.open(request)]
        case .html: [HTMLReport.open(request)]
        case .xml: [try XMLReport.open(request)]
        case .runRecord: [RunRecordFile()]
        }
      for record in model.devices {
        for case let output? in outputs { try output.write(record) }
      }
      for case let output? in outputs { try output.complete(model, into: folder) }
    }
  }

  @Test("each renderer's files match its golden folder", arguments: Renderer.allCases)
  func golden(renderer: Renderer) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try await Self.model(in: directory)
    let output = directory.path(renderer.rawValue)
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    try renderer.render(model, into: ReportFolder(url: output))
    let differences = try GoldenFiles.check(
      produced: output, golden: Self.goldens.appendingPathComponent(renderer.rawValue))
    #expect(differences == [])
  }
}

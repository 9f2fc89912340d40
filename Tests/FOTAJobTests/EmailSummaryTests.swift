import FOTAMail
import FOTAModel
import FOTAPlan
import FOTARender
import FOTATestSupport
import Foundation
import Testing

@Suite("the e-mail's summary")
struct EmailSummaryTests {
  @Test(
    "an alert opens the summary when the FOTA-capable share fell past --alert-drop or data problems rose by half"
  )
  func alerts() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    var model = try await RendererGoldenTests.model(in: directory)
    // The upgrades' own alerts are the next test's.
    model.campaigns = nil
    let totals = model.summary.totals
    var delta = FleetDelta(previousNight: "2026-10-31")
    delta.previousDevices = totals.devices
    // Last night every device but one was capable: tonight's share is far lower.
    delta.previousReady = totals.devices - 1
    delta.previousDataProblems = model.diagnostics.totalCount / 2
    model.delta = delta
    let summary = EmailSummary(report: model, reportURL: "https://reports.example.com/fota/report.html")
    #expect(summary.alerts.count == 2)
    #expect(summary.alerts[0].hasPrefix("The FOTA-capable share fell "))
    #expect(summary.alerts[1].hasPrefix("Data problems rose by more than half since 2026-10-31"))
    let lines = summary.text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[2].hasPrefix("ALERT: The FOTA-capable share fell"))
    #expect(lines.contains("The full report: https://reports.example.com/fota/report.html"))

    // Within the allowed drop, and with problems flat: no alert.
    delta.previousReady = totals.ready + totals.devices / 100
    delta.previousDataProblems = model.diagnostics.totalCount
    model.delta = delta
    let calm = EmailSummary(report: model, location: "/srv/reports/fota/latest/report.html on fota-host")
    #expect(calm.alerts == [])
    #expect(calm.text.contains("The full report is /srv/reports/fota/latest/report.html on fota-host."))
    // A tighter threshold: the shares as stated (each to a tenth, as the alert says them) fell
    // by about half a point.
    #expect(EmailSummary(report: model, alertDropPoints: 0.3).alerts.count == 1)
  }

  @Test("an upgrade failing on more of its devices than --alert-failure-rate opens the summary")
  func campaignAlerts() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    var model = try await RendererGoldenTests.model(in: directory)
    model.delta = nil
    let review = try #require(model.campaigns)
    let failing = try #require(review.alerts.first)
    #expect(failing.failure.value > 10)
    let summary = EmailSummary(report: model)
    #expect(summary.alerts.count == review.alerts.count)
    #expect(summary.alerts[0].hasPrefix("Upgrade \(failing.firmwareName) (to \(failing.firmwareTo)"))
    #expect(summary.alerts[0].contains("(\(failing.failure.text)%), above the 10.0% alert rate."))
    #expect(summary.text.contains("ALERT: Upgrade "))
    #expect(summary.text.contains("\nCampaigns\n"))

    // Past the worst upgrade's rate: no alert, the campaigns still summed up.
    var planning = try #require(model.planning)
    planning.options.alertFailureRate = review.alerts.map(\.failure.value).max()!
    model.campaigns = CampaignReview(planning: planning, asOf: model.figures.asOf, before: nil)
    let calm = EmailSummary(report: model)
    #expect(calm.alerts == [])
    #expect(calm.text.contains("\nCampaigns\n"))
  }
}

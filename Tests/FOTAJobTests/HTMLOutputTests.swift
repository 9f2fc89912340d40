import FOTACollect
import FOTAFleet
import FOTAJob
import FOTARender
import FOTATestSupport
import Foundation
import Testing

@Suite("HTML output")
struct HTMLOutputTests {
  @Test("device strings are escaped, MDNs never shown, nothing external or scripted")
  func escapedAndSelfContained() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var configuration = fixture.configuration(.demo(seed: 42, devices: 2_000))
    configuration.formats = [.html, .csv]
    try await fixture.run(configuration)
    let html = try fixture.text("report.html")

    // Hostile strings appear only escaped.
    #expect(!html.contains("ACME <Labs>"))
    #expect(html.contains("ACME &lt;Labs&gt; &amp; &quot;Sons&quot;"))
    #expect(!html.contains("ctrl</script>"))
    #expect(html.contains("bell\u{FFFD}ctrl&lt;/script&gt;"))
    #expect(!html.contains("\u{07}"))
    #expect(!html.contains("<beta>"))
    // Self-contained: one small inline script (sorting tables), nothing fetched, links only to
    // the page's own sections.
    #expect(html.components(separatedBy: "<script").count == 2)
    let script = try #require(
      html.components(separatedBy: "<script>").last?.components(separatedBy: "</script>").first)
    #expect(!script.contains("http") && !script.contains("fetch") && !script.contains("XMLHttpRequest"))
    #expect(!html.contains("src="))
    #expect(!html.contains("@import"))
    let links = html.components(separatedBy: "href=\"").dropFirst()
    #expect(!links.isEmpty)
    #expect(links.allSatisfy { $0.hasPrefix("#") })
    #expect(html.contains("<svg"))
    // Every section the fleet manager reads.
    for id in [
      "headline", "readiness", "firmware", "upgrade-age", "client-type-status", "data-quality",
      "completeness",
    ] {
      #expect(html.contains("<section id=\"\(id)\">"), "\(id)")
    }
    // No MDN from the devices file appears anywhere in the page.
    let devices = try CSVFile.read(fixture.text("devices.csv"))
    let mdns = devices.rows.map { $0[1] }.filter { !$0.isEmpty }
    #expect(!mdns.isEmpty)
    #expect(Set(mdns).isDisjoint(with: CSVFile.digitRuns(in: html)))
  }

  @Test("escaping covers every character that matters")
  func escaping() {
    #expect(
      HTMLEscaping.escape("<a href='x'>\"&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;")
  }

  @Test("the adoption chart draws the 8 largest models; its table lists every model")
  func adoptionChartLimit() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    for night in 0..<3 {
      var configuration = fixture.configuration(.demo(seed: 42, devices: 3_000, night: night))
      configuration.asOf = JobFixture.asOf + Int64(night) * 86_400_000
      configuration.history = fixture.directory.path("history.sqlite")
      configuration.formats = [.html]
      try await fixture.run(configuration)
    }
    let html = try fixture.text("report.html")
    let section = try #require(html.range(of: "Adoption of the newest firmware")).upperBound
    let trends = html[section...]
    let chart = trends[..<(trends.range(of: "</svg>")?.upperBound ?? trends.endIndex)]
    let table = trends[(trends.range(of: "<tbody>")?.upperBound ?? trends.endIndex)...]
    let rows = table[..<(table.range(of: "</tbody>")?.lowerBound ?? table.endIndex)]
    let models = rows.components(separatedBy: "<tr>").count - 1
    #expect(models > 8)
    #expect(chart.components(separatedBy: "<polyline").count - 1 == 8)
    #expect(trends.contains("The chart draws the 8 largest of \(models) models"))
  }
}

import FOTACollect
import FOTAJob
import FOTAPlan
import FOTATestSupport
import Foundation
import Testing

/// `Reports/example/` holds the output of
/// `fota-report run --demo --demo-devices 2000 --seed 42 --as-of 2026-11-01T00:00:00Z --no-history
/// --out Reports/example` (upgrade planning on, as by default).
/// Regenerate with `FOTA_RECORD_GOLDEN=1 swift test --filter GoldenExample` (the recording run
/// fails; review the diff, then run again).
@Suite("golden example")
struct GoldenExampleTests {
  @Test("the demo fleet's reports match Reports/example byte for byte, timings aside")
  func example() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var configuration = fixture.configuration(.demo(seed: 42, devices: 2_000))
    configuration.plan = PlanOptions()
    try await fixture.run(configuration)
    let differences = try GoldenFiles.check(produced: fixture.output, golden: RepositoryPaths.example)
    #expect(differences == [], "set FOTA_RECORD_GOLDEN=1 to re-record if the change is intended")
  }

  @Test("two runs over the same pages and as-of are identical")
  func deterministic() async throws {
    let first = try JobFixture()
    let second = try JobFixture()
    defer {
      first.remove()
      second.remove()
    }
    var configuration = first.configuration(.demo(seed: 9, devices: 1_500))
    configuration.xmlDevices = true
    try await first.run(configuration)
    configuration.output = second.output
    try await second.run(configuration)
    #expect(try GoldenFiles.differences(produced: first.output, golden: second.output) == [])
  }

  @Test("the masking hides timings and nothing else")
  func masking() {
    #expect(GoldenFiles.maskTimings(#""collectSeconds" : 1.25,"#) == #""collectSeconds" : 0,"#)
    #expect(GoldenFiles.maskTimings(#"collectSeconds="0.70""#) == #"collectSeconds="0""#)
    #expect(
      GoldenFiles.maskTimings(#"<span class="timing">0.70 s</span>"#) == #"<span class="timing">0</span>"#)
    #expect(GoldenFiles.maskTimings(#""devices" : 25"#) == #""devices" : 25"#)
  }
}

import FOTACollect
import FOTAFleet
import FOTAJob
import FOTAModel
import FOTANightDevices
import FOTARender
import FOTATestSupport
import Foundation
import Testing

@Suite("aggregation against independent counts")
struct AggregationTests {
  @Test("every group matches counts made independently from the raw pages", arguments: [1, 3_100])
  func matchesIndependentCounts(devices: Int) async throws {
    let fleet = SyntheticFleet(seed: 7, deviceCount: devices)
    let expected = try IndependentCounts(fleet: fleet)
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var configuration = fixture.configuration(.demo(seed: 7, devices: devices))
    configuration.formats = [.csv]
    let outcome = try await fixture.run(configuration)
    let summary = outcome.summary

    #expect(summary.totals.devices == expected.devices)
    #expect(outcome.figures.skipped == expected.skipped)
    #expect(summary.duplicates == expected.duplicates)
    #expect(summary.totals.ready == expected.ready)
    #expect(summary.totals.needsLicense == expected.needsLicense)
    #expect(summary.totals.ineligible == expected.ineligible)
    #expect(summary.totals.neverUpgraded == expected.never)
    #expect(
      Dictionary(
        uniqueKeysWithValues: summary.byModel.map { ("\($0.key.make)|\($0.key.model)", $0.value.devices) })
        == expected.byModel)
    #expect(summary.byFirmware.mapValues(\.devices) == expected.byFirmware)
    #expect(summary.byStatus.mapValues(\.devices) == expected.byStatus)
    // Every slicing of the fleet adds up to the whole.
    for slicing in [
      summary.byReadiness.values.map(\.devices), summary.byUpgradeAge.values.map(\.devices),
      summary.byLicense.values.map(\.devices), summary.byEligibility.values.map(\.devices),
      summary.byClientType.values.map(\.devices), summary.byModelFirmware.values.map(\.devices),
    ] {
      #expect(slicing.reduce(0, +) == expected.devices)
    }
  }

}

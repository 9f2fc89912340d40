import FOTAAggregate
import FOTAFleet
import FOTAReport
import Foundation
import Testing

@Suite("aggregation against independent counts")
struct AggregationTests {
  /// Counts computed straight from the page bodies with JSONSerialization, sharing no code with
  /// the pipeline.
  struct Independent {
    var devices = 0, skipped = 0, duplicates = 0
    var ready = 0, needsLicense = 0, ineligible = 0, never = 0
    var byModel: [String: Int] = [:]
    var byFirmware: [String: Int] = [:]
    var byStatus: [String: Int] = [:]

    init(fleet: SyntheticFleet) throws {
      var seen = Set<String>()
      for page in fleet.pages() {
        let object = try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as! [String: Any]
        for entry in object["deviceList"] as! [Any] {
          guard let record = entry as? [String: Any] else {
            skipped += 1
            continue
          }
          let id = Self.text(record["deviceId"]).trimmingCharacters(in: .whitespaces)
          guard !id.isEmpty else {
            skipped += 1
            continue
          }
          guard seen.insert(id).inserted else {
            duplicates += 1
            continue
          }
          devices += 1
          let eligible = Self.flag(record["fotaEligible"])
          let licensed = Self.flag(record["licenseAssigned"])
          if eligible && licensed {
            ready += 1
          } else if eligible {
            needsLicense += 1
          } else {
            ineligible += 1
          }
          let upgrade = (record["upgradeTime"] as? String ?? "").trimmingCharacters(in: .whitespaces)
          if ["01/01/1900", "1900-01-01", "0001-01-01"].contains(where: upgrade.hasPrefix) {
            never += 1
          }
          byModel["\(Self.text(record["make"]))|\(Self.text(record["model"]))", default: 0] += 1
          byFirmware[Self.text(record["firmware"]), default: 0] += 1
          byStatus[Self.text(record["status"]), default: 0] += 1
        }
      }
    }

    static func text(_ value: Any?) -> String {
      if let string = value as? String { return string }
      if let number = value as? NSNumber { return number.stringValue }
      return ""
    }

    static func flag(_ value: Any?) -> Bool {
      if let string = value as? String { return string.lowercased() == "true" }
      // The demo fleet sends booleans as JSON booleans or text, never as numbers.
      return value as? Bool ?? false
    }
  }

  @Test("every group matches counts made independently from the raw pages", arguments: [1, 3_100])
  func matchesIndependentCounts(devices: Int) async throws {
    let fleet = SyntheticFleet(seed: 7, deviceCount: devices)
    let expected = try Independent(fleet: fleet)
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var configuration = fixture.configuration(.demo(seed: 7, devices: devices))
    configuration.formats = [.csv]
    let outcome = try await fixture.run(configuration)
    let summary = outcome.summary

    #expect(summary.totals.devices == expected.devices)
    #expect(outcome.info.skipped == expected.skipped)
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

  @Test("upgrade-age buckets follow the as-of instant")
  func buckets() {
    let asOf = JobFixture.asOf
    let day: Int64 = 86_400_000
    func bucket(_ daysAgo: Int64) -> UpgradeAgeBucket {
      UpgradeAgeBucket(.init(state: .upgraded, milliseconds: asOf - daysAgo * day), asOf: asOf)
    }
    #expect(bucket(0) == .under30Days)
    #expect(bucket(29) == .under30Days)
    #expect(bucket(30) == .days30To89)
    #expect(bucket(89) == .days30To89)
    #expect(bucket(90) == .days90To364)
    #expect(bucket(364) == .days90To364)
    #expect(bucket(365) == .days365Plus)
    #expect(bucket(-3) == .under30Days)
    #expect(UpgradeAgeBucket(.init(state: .never), asOf: asOf) == .never)
    #expect(UpgradeAgeBucket(.init(state: .invalid, raw: "x"), asOf: asOf) == .invalid)
  }
}

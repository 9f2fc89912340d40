import FOTAFleet
import FOTAModel
import FOTANightDevices
import FOTAPlan
import PropertyBased
import Testing

/// A night collected in ranges is counted range by range and appended in IMEI order: every
/// count must come out as if one walk had taken the same devices.
@Suite("ranges appended in order count like one walk")
struct RangeMergeTests {
  /// A few hundred devices in IMEI order, some ids repeated (duplicates), every grouped field
  /// drawn from a few values, and a place to split them into two ranges.
  static let nights = Gen.int(in: 0...Int.max).map { seed -> (devices: [Device], split: Int) in
    var random = SplitMix64(seed: UInt64(seed))
    var devices: [Device] = []
    var imei: Int64 = 350_000_000_000_000
    for _ in 0..<(1 + random.below(400)) {
      if devices.isEmpty || random.below(20) != 0 { imei += Int64(1 + random.below(30)) }
      let upgraded = random.below(3) == 0
      devices.append(
        Device(
          deviceId: String(imei), make: ["Quectel", "Telit"][random.below(2)],
          model: ["BG96", "LE910", "EG25"][random.below(3)],
          firmware: ["1.0", "1.1", "2.0"][random.below(3)],
          clientType: ["OMADM", "LWM2M", ""][random.below(3)],
          status: ["Active", "Suspended", ""][random.below(3)],
          fotaEligible: random.below(4) != 0, licenseAssigned: random.below(3) != 0,
          upgrade: upgraded
            ? UpgradeTime(
              state: .upgraded, milliseconds: 1_780_000_000_000 - Int64(random.below(400)) * 86_400_000)
            : UpgradeTime(state: [.never, .unknown][random.below(2)])))
    }
    // A range boundary never falls between two devices with the same id.
    var split = random.below(devices.count + 1)
    while split > 0, split < devices.count, devices[split].deviceId == devices[split - 1].deviceId {
      split += 1
    }
    return (devices, split)
  }

  static let asOf: Int64 = 1_780_000_000_000

  /// Adds `devices` one by one, as pages of 7, numbering pages from 1.
  static func aggregate(_ devices: some Collection<Device>) -> (FleetAggregator, Diagnostics) {
    var aggregator = FleetAggregator(asOf: asOf)
    var diagnostics = Diagnostics()
    for (offset, device) in devices.enumerated() {
      aggregator.add(device, page: 1 + offset / 7, diagnostics: &diagnostics)
    }
    return (aggregator, diagnostics)
  }

  @Test("the aggregation, its de-duplication and its data problems")
  func aggregation() async {
    await propertyCheck(count: 200, input: Self.nights) { night in
      let (whole, wholeDiagnostics) = Self.aggregate(night.devices)
      var (first, diagnostics) = Self.aggregate(night.devices[..<night.split])
      let (second, secondDiagnostics) = Self.aggregate(night.devices[night.split...])
      first.merge(second)
      diagnostics.merge(secondDiagnostics, pagesBefore: (night.split + 6) / 7)
      #expect(first.summary == whole.summary)
      // Pages of 7 restart at the split, so page numbers agree when it falls on a page boundary.
      if night.split % 7 == 0 { #expect(diagnostics == wholeDiagnostics) }
      #expect(diagnostics.totalCount == wholeDiagnostics.totalCount)
      // A device of either range seen again after the merge is a duplicate.
      if let last = night.devices.last {
        var noise = Diagnostics()
        #expect(!first.add(last, page: 99, diagnostics: &noise))
      }
      if let firstDevice = night.devices.first {
        var noise = Diagnostics()
        #expect(!first.add(firstDevice, page: 99, diagnostics: &noise))
      }
    }
  }

  @Test("the upgrade plan: funnels, statuses and cohorts in IMEI order")
  func plan() async {
    let path = FirmwarePath(nextFirmware: "2.0", firmwareName: "FW-2.0", newestFirmware: "2.0", hops: 1)
    let statuses: [PlanStatus] = [.ready, .upToDate, .needsLicense, .ineligible, .noUpgradePath, .inactive]
    await propertyCheck(count: 200, input: Self.nights) { night in
      let plans = night.devices.enumerated().map { offset, _ in
        DevicePlan(status: statuses[offset % statuses.count], path: offset % 3 == 0 ? nil : path)
      }
      func plan(_ range: Range<Int>) -> UpgradePlan {
        var plan = UpgradePlan(licenses: nil)
        for index in range { plan.add(night.devices[index], plan: plans[index]) }
        return plan
      }
      var merged = plan(0..<night.split)
      merged.merge(plan(night.split..<night.devices.count))
      #expect(merged == plan(0..<night.devices.count))
    }
  }

  @Test("later data problems keep their examples' pages, counted after the ranges before")
  func diagnosticsPages() {
    var first = Diagnostics()
    first.record(.duplicateDeviceId, field: "deviceId", page: 3, deviceId: "1")
    var later = Diagnostics()
    for page in 1...6 { later.record(.duplicateDeviceId, field: "deviceId", page: page, deviceId: "\(page)") }
    first.merge(later, pagesBefore: 25)
    let entry = first.sortedEntries[0]
    #expect(entry.count == 7)
    #expect(entry.examples.map(\.page) == [3, 26, 27, 28, 29])
  }
}

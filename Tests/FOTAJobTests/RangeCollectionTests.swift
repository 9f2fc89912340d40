import FOTACollect
import FOTAFleet
import FOTAHistory
import FOTAJob
import FOTAModel
import FOTANightDevices
import FOTARender
import FOTATestSupport
import Foundation
import Testing

/// What a night collected in ranges keeps on disk while the ranges before it are collected, and
/// where it splits the IMEI range.
@Suite("ranges collected at once")
struct RangeCollectionTests {
  /// One id a line.
  struct IdLines: DeviceRowFormatter {
    func format(_ record: PlannedDevice, into bytes: inout [UInt8]) {
      bytes += record.device.deviceId.utf8
      bytes.append(UInt8(ascii: "\n"))
    }
  }

  @Test("held batches read back as held: the counted devices only, in the spool's and every formatter's form")
  func heldBatchesReadBack() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = FirmwarePath(nextFirmware: "2.0", firmwareName: "FW-2.0", newestFirmware: "2.0", hops: 1)
    let pages: [[PlannedDevice]] = (0..<3).map { page in
      (0..<(page == 1 ? 0 : 5)).map { offset in
        let id = 350_000_000_000_000 + page * 100 + offset
        return PlannedDevice(
          device: Device(
            deviceId: String(id), mdn: "0001234567", make: "Quectel", model: "BG96 \"east\"",
            firmware: "1.0", clientType: "LWM2M", status: offset == 3 ? "" : "Active", fotaEligible: true,
            licenseAssigned: offset % 2 == 0,
            upgrade: UpgradeTime(state: .upgraded, milliseconds: 1_780_000_000_000)),
          plan: offset == 4 ? nil : DevicePlan(status: .ready, path: path, pathIndex: 0))
      }
    }
    // The second device of the first page is a duplicate: not counted, so not held.
    let kept: [[Bool]?] = [[true, false, true, true, true], nil, nil]
    let held = try HeldBatches(url: directory.path("range002.held"))
    for (records, mask) in zip(pages, kept) {
      let batch = DeviceBatch(
        records: records, kept: mask, formatted: [FormattedRows(records, formatter: IdLines())])
      try held.hold(batch, spooled: SpoolBatch(records))
    }
    try held.finish()
    #expect(held.count == 3)

    var read: [(records: [PlannedDevice], lines: String)] = []
    try HeldBatches.read(held.url, tables: PlanTables(paths: [path])) { _, batch in
      #expect(batch.kept == nil)
      var lines = ""
      batch.formatted[0].withKeptBytes(nil) { lines += String(decoding: $0, as: UTF8.self) }
      read.append((batch.records, lines))
    }
    #expect(read.count == 3)
    for ((records, mask), got) in zip(zip(pages, kept), read) {
      let counted = records.indices.filter { mask?[$0] ?? true }.map { records[$0] }
      #expect(got.records.map(\.device) == counted.map(\.device))
      #expect(got.records.map(\.plan) == counted.map(\.plan))
      #expect(got.lines == counted.map { $0.device.deviceId + "\n" }.joined())
    }
  }

  @Test("a cut-off held file is an error, not fewer devices")
  func truncatedHeldFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let records = [PlannedDevice(device: Device(deviceId: "350000000000001"), plan: nil)]
    let held = try HeldBatches(url: directory.path("range002.held"))
    try held.hold(DeviceBatch(records: records, kept: nil, formatted: []), spooled: SpoolBatch(records))
    try held.finish()
    let bytes = try Data(contentsOf: held.url)
    try bytes.prefix(bytes.count - 3).write(to: held.url)
    #expect(throws: (any Error).self) { try HeldBatches.read(held.url, tables: .empty) { _, _ in } }
  }

  @Test("split points are last night's IMEIs at even quantiles, then their neighbours, read from its index")
  func splitPointsFromTheIndex() async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    let fleet = SyntheticFleet(seed: 7, deviceCount: 12_000)
    var configuration = fixture.configuration(.demo(seed: fleet.seed, devices: fleet.deviceCount))
    let history = fixture.directory.path("history.sqlite")
    configuration.history = history
    configuration.formats = [.csv]
    try await fixture.run(configuration)
    let csv = try CSVFile.read(try fixture.text("devices.csv"))
    let column = try #require(csv.header.firstIndex(of: "deviceId"))
    let ids = csv.rows.map { $0[column] }
    #expect(ids == ids.sorted(by: DeviceID.precedes))

    let candidates = try HistoryStore(path: history.path).splitCandidates(
      account: SyntheticFleet.defaultAccount, clientTypeFilter: nil, ranges: 4)
    let expected = (1..<4).map { split -> [String] in
      let position = ids.count * split / 4
      return [0, -1, 1, -2, 2].map { ids[position + $0] }
    }
    #expect(candidates == expected)
    // Too few devices for ranges of 1,000: fewer ranges.
    let fewer = try HistoryStore(path: history.path).splitCandidates(
      account: SyntheticFleet.defaultAccount, clientTypeFilter: nil, ranges: 8, minimumPerRange: 4_000)
    #expect(fewer.count == ids.count / 4_000 - 1)
  }
}

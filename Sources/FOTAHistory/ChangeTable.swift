import FOTAModel
import Foundation

/// The `change` table, every statement that touches it: each run's changes, device by device,
/// in the order they were found; a removed device keeps its last state (``Snapshot``) so the
/// run can be undone.
struct ChangeTable {
  let sql: any HistorySQL

  /// One change as undoing its run reads it.
  struct Undo {
    var sortKey: String
    var kind: DeviceChange.Kind?
    var before: String
    var snapshot: String?
  }

  /// Records run `runId`'s changes; `snapshots` are the removed devices' last states, by id.
  func insert(runId: Int64, _ changes: [DeviceChange], snapshots: [String: String]) throws {
    var batch = try sql.batch(
      into: "change",
      columns: ["runId", "sortKey", "deviceId", "make", "model", "kind", "before", "after", "snapshot"],
      conflict: "")
    for row in changes {
      try batch.add([
        runId, DeviceID.sortKey(row.deviceId), row.deviceId, row.make, row.model, row.kind.rawValue,
        row.before, row.after, row.kind == .removed ? snapshots[row.deviceId] : nil,
      ])
    }
    try batch.finish()
  }

  /// Run `runId`'s changes, the last found first: the order that undoes them.
  func newestFirst(runId: Int64) throws -> [Undo] {
    try sql.rows(
      "SELECT sortKey, kind, before, snapshot FROM change WHERE runId = ? ORDER BY \(sql.dialect.insertionOrder) DESC",
      [runId]
    ).map {
      Undo(
        sortKey: try $0.string("sortKey"), kind: DeviceChange.Kind(rawValue: try $0.string("kind")),
        before: try $0.string("before"), snapshot: try $0.optionalString("snapshot"))
    }
  }

  /// How many changes of each kind run `runId` made.
  func countsByKind(runId: Int64) throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for row in try sql.rows("SELECT kind, count(*) AS n FROM change WHERE runId = ? GROUP BY kind", [runId]) {
      counts[try row.string("kind")] = try row.int("n")
    }
    return counts
  }

  /// Every firmware move (from, to) of each model in `runIds`.
  func firmwareMoves(runIds: [Int64]) throws -> [(model: ModelKey, from: String, to: String)] {
    guard !runIds.isEmpty else { return [] }
    return try sql.rows(
      """
      SELECT DISTINCT make, model, before, after FROM change WHERE kind = 'firmware'
      AND runId IN (\(Self.list(runIds)))
      """, []
    ).map {
      (
        ModelKey(make: try $0.string("make"), model: try $0.string("model")), try $0.string("before"),
        try $0.string("after")
      )
    }
  }

  /// The firmware changes of each model in `runIds`.
  func firmwareChangesByModel(runIds: [Int64]) throws -> [ModelKey: Int] {
    var upgrades: [ModelKey: Int] = [:]
    guard !runIds.isEmpty else { return [:] }
    for row in try sql.rows(
      """
      SELECT make, model, count(*) AS upgrades FROM change
      WHERE kind = 'firmware' AND runId IN (\(Self.list(runIds)))
      GROUP BY make, model
      """, [])
    {
      upgrades[ModelKey(make: try row.string("make"), model: try row.string("model")), default: 0] +=
        try row.int("upgrades")
    }
    return upgrades
  }

  /// Drops the changes of the runs older than the last `keepNights` of their account and
  /// filter; returns how many.
  func prune(keepNights: Int) throws -> Int {
    try sql.execute("DELETE FROM change WHERE runId IN (\(RunTable.olderThanLastSQL))", [keepNights])
  }

  /// Run ids as an SQL list (integers: nothing to escape).
  static func list(_ ids: [Int64]) -> String {
    ids.map(String.init).joined(separator: ",")
  }

  /// Puts back the value a change row says a field had before the run.
  static func restore(_ kind: DeviceChange.Kind, before: String, in device: inout Device) {
    switch kind {
    case .firmware: device.firmware = before
    case .status: device.status = before
    case .clientType: device.clientType = before
    case .fotaEligible: device.fotaEligible = before == "true"
    case .licenseAssigned: device.licenseAssigned = before == "true"
    case .upgradeTime: device.upgrade = DeltaBuilder.upgrade(from: before)
    case .added, .removed: break
    }
  }

  /// A removed device's last state, kept in its change row so the night can be undone.
  struct Snapshot: Codable {
    var deviceId, make, model, firmware, clientType, status: String
    var fotaEligible, licenseAssigned: Bool
    var upgrade: String

    init(_ device: Device) {
      deviceId = device.deviceId
      make = device.make
      model = device.model
      firmware = device.firmware
      clientType = device.clientType
      status = device.status
      fotaEligible = device.fotaEligible
      licenseAssigned = device.licenseAssigned
      upgrade = DeltaBuilder.text(device.upgrade)
    }

    /// Reads a snapshot kept in a change row.
    static func decode(_ text: String?) throws -> Snapshot {
      try JSONDecoder().decode(Snapshot.self, from: Data((text ?? "{}").utf8))
    }

    var device: Device {
      Device(
        deviceId: deviceId, make: make, model: model, firmware: firmware, clientType: clientType,
        status: status, fotaEligible: fotaEligible, licenseAssigned: licenseAssigned,
        upgrade: DeltaBuilder.upgrade(from: upgrade))
    }
  }
}

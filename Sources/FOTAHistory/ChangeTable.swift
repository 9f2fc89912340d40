import FOTAModel
import Foundation
import GRDB

/// The `change` table, every statement that touches it: each run's changes, device by device,
/// in the order they were found; a removed device keeps its last state (``Snapshot``) so the
/// run can be undone.
struct ChangeTable {
  let db: Database

  /// One change as undoing its run reads it.
  struct Undo {
    var sortKey: String
    var kind: DeviceChange.Kind?
    var before: String
    var snapshot: String?
  }

  /// Records run `runId`'s changes; `snapshots` are the removed devices' last states, by id.
  func insert(runId: Int64, _ changes: [DeviceChange], snapshots: [String: String]) throws {
    let statement = try db.makeStatement(
      sql: """
        INSERT INTO change (runId, sortKey, deviceId, make, model, kind, before, after, snapshot)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for row in changes {
      try statement.execute(arguments: [
        runId, DeviceID.sortKey(row.deviceId), row.deviceId, row.make, row.model, row.kind.rawValue,
        row.before, row.after, row.kind == .removed ? snapshots[row.deviceId] : nil,
      ])
    }
  }

  /// Run `runId`'s changes, the last found first: the order that undoes them.
  func newestFirst(runId: Int64) throws -> [Undo] {
    try Row.fetchAll(
      db, sql: "SELECT sortKey, kind, before, snapshot FROM change WHERE runId = ? ORDER BY rowid DESC",
      arguments: [runId]
    ).map {
      Undo(
        sortKey: $0["sortKey"], kind: DeviceChange.Kind(rawValue: $0["kind"]), before: $0["before"],
        snapshot: $0["snapshot"])
    }
  }

  /// How many changes of each kind run `runId` made.
  func countsByKind(runId: Int64) throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT kind, count(*) AS n FROM change WHERE runId = ? GROUP BY kind", arguments: [runId])
    {
      counts[row["kind"]] = row["n"]
    }
    return counts
  }

  /// Every firmware move (from, to) of each model in `runIds`.
  func firmwareMoves(runIds: [Int64]) throws -> [(model: ModelKey, from: String, to: String)] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT DISTINCT make, model, before, after FROM change WHERE kind = 'firmware'
        AND runId IN (\(Self.list(runIds)))
        """
    ).map { (ModelKey(make: $0["make"], model: $0["model"]), $0["before"], $0["after"]) }
  }

  /// The firmware changes of each model in `runIds`.
  func firmwareChangesByModel(runIds: [Int64]) throws -> [ModelKey: Int] {
    var upgrades: [ModelKey: Int] = [:]
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT make, model, count(*) AS upgrades FROM change
        WHERE kind = 'firmware' AND runId IN (\(Self.list(runIds)))
        GROUP BY make, model
        """)
    {
      upgrades[ModelKey(make: row["make"], model: row["model"]), default: 0] += row["upgrades"]
    }
    return upgrades
  }

  /// Drops the changes of the runs older than the last `keepNights` of their account and
  /// filter; returns how many.
  func prune(keepNights: Int) throws -> Int {
    try db.execute(
      sql: "DELETE FROM change WHERE runId IN (\(RunTable.olderThanLastSQL))", arguments: [keepNights])
    return db.changesCount
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

import FOTAAggregate
import FOTANormalise
import Foundation
import GRDB

/// Every successful run's results in SQLite: each device's current state, an append-only change
/// log, and per-run aggregates. A night where nothing changed adds only its run row and
/// aggregates.
///
/// WAL mode and a busy timeout let a second run on the same file wait for the first.
public final class HistoryStore: Sendable {
  /// The database file.
  public let path: String
  let pool: DatabasePool

  /// How long a run waits for another one holding the database.
  public static let busyTimeout: TimeInterval = 60

  /// Opens (creating if needed) and migrates the history at `path`. A database written by a
  /// newer version, or one that cannot be read, is reported and left untouched.
  public init(path: String) throws(HistoryError) {
    self.path = path
    if FileManager.default.fileExists(atPath: path) {
      try Self.inspect(path)
    }
    do {
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      var configuration = Configuration()
      configuration.busyMode = .timeout(Self.busyTimeout)
      pool = try DatabasePool(path: path, configuration: configuration)
      try HistorySchema.migrator.migrate(pool)
    } catch {
      throw .failed(path: path, reason: Self.describe(error))
    }
  }

  /// Checks an existing file read-only: a readable SQLite database with no unknown migrations.
  private static func inspect(_ path: String) throws(HistoryError) {
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(busyTimeout)
    let unknown: [String]
    do {
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      defer { try? queue.close() }
      unknown = try queue.read { db in
        _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
        guard try HistorySchema.migrator.hasBeenSuperseded(db) else { return [] }
        let known = Set(HistorySchema.migrator.migrations)
        return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
          .filter { !known.contains($0) }
      }
    } catch {
      throw .damaged(path: path, reason: describe(error))
    }
    if !unknown.isEmpty { throw .newerVersion(path: path, unknownMigrations: unknown) }
  }

  /// Compares this run with the previous one, lets `publish` use the delta and the trends over
  /// the last `trendNights` nights, this one included (to render and publish
  /// the reports), then records the run — all in one transaction that commits only after
  /// `publish` returns. Running the latest night again replaces it.
  public func record<Result>(
    account: String, clientTypeFilter: String?, asOf: Int64, summary: FleetSummary,
    devices: SpooledDevices, trendNights: Int = 30, targetPercent: Double = 95,
    publish: (HistoryReport) throws -> Result
  ) throws -> Result {
    let filter = clientTypeFilter ?? ""
    let night = CivilCalendar.isoDate(milliseconds: asOf)
    do {
      return try pool.writeWithoutTransaction { db in
        var result: Result?
        try db.inTransaction(.immediate) {
          try replaceNight(db, account: account, filter: filter, night: night)
          let previous = try latestRun(db, account: account, filter: filter)
          var (delta, snapshots) = try update(
            db, account: account, filter: filter, previousNight: previous?["night"], devices: devices)
          if let previous {
            delta.previousDevices = previous["devices"]
            delta.previousReady = previous["ready"]
          }
          try insertRun(
            db, account: account, filter: filter, night: night, asOf: asOf, summary: summary, delta: delta,
            snapshots: snapshots)
          let trends = try HistoryTrends.compute(
            db, account: account, filter: filter, nights: trendNights, targetPercent: targetPercent)
          result = try publish(HistoryReport(delta: delta, trends: trends))
          return .commit
        }
        return result!
      }
    } catch let error as HistoryError {
      throw error
    } catch let error as DatabaseError {
      throw HistoryError.failed(path: path, reason: Self.describe(error))
    }
  }

  // MARK: Steps

  /// The latest run of an account and filter. Nights only ever grow with the run id, because an
  /// older night than the latest is refused.
  private func latestRun(_ db: Database, account: String, filter: String) throws -> Row? {
    try Row.fetchOne(
      db,
      sql: """
        SELECT id, night, isFirst, devices, ready FROM run
        WHERE account = ? AND clientTypeFilter = ? ORDER BY id DESC LIMIT 1
        """,
      arguments: [account, filter])
  }

  /// Undoes the run of `night` if it is the latest; a night older than the latest is refused.
  private func replaceNight(_ db: Database, account: String, filter: String, night: String) throws {
    guard let run = try latestRun(db, account: account, filter: filter) else { return }
    let latest: String = run["night"]
    if latest > night { throw HistoryError.notLatestNight(night: night, latest: latest) }
    guard latest == night else { return }
    let id: Int64 = run["id"]
    if run["isFirst"] as Bool {
      try db.execute(
        sql: "DELETE FROM device WHERE account = ? AND clientTypeFilter = ?", arguments: [account, filter])
    } else {
      let changes = try Row.fetchAll(
        db, sql: "SELECT sortKey, kind, before, snapshot FROM change WHERE runId = ? ORDER BY rowid DESC",
        arguments: [id])
      for change in changes {
        let key: String = change["sortKey"]
        let before: String = change["before"]
        let kind = DeviceChange.Kind(rawValue: change["kind"])
        let whereKey = "WHERE account = ? AND clientTypeFilter = ? AND sortKey = ?"
        switch kind {
        case .added:
          try db.execute(sql: "DELETE FROM device \(whereKey)", arguments: [account, filter, key])
        case .removed:
          let snapshot = try JSONDecoder().decode(
            DeviceRow.Snapshot.self, from: Data((change["snapshot"] as String? ?? "{}").utf8))
          try db.execute(
            sql: DeviceRow.upsertSQL,
            arguments: DeviceRow.arguments(snapshot.device, account: account, filter: filter))
        case .firmware, .status, .clientType:
          try db.execute(
            sql: "UPDATE device SET \(kind!.rawValue) = ? \(whereKey)",
            arguments: [before, account, filter, key])
        case .fotaEligible, .licenseAssigned:
          try db.execute(
            sql: "UPDATE device SET \(kind!.rawValue) = ? \(whereKey)",
            arguments: [before == "true", account, filter, key])
        case .upgradeTime:
          let upgrade = DeltaBuilder.upgrade(from: before)
          try db.execute(
            sql: "UPDATE device SET upgradeState = ?, upgradeTime = ? \(whereKey)",
            arguments: [upgrade.state.rawValue, upgrade.milliseconds, account, filter, key])
        case nil:
          break
        }
      }
    }
    try db.execute(sql: "DELETE FROM run WHERE id = ?", arguments: [id])
  }

  /// Merges tonight's devices with the stored ones, in IMEI order, and stores what changed.
  /// Returns the delta and, by device id, the last state of each removed device.
  private func update(
    _ db: Database, account: String, filter: String, previousNight: String?, devices: SpooledDevices
  ) throws -> (FleetDelta, [String: String]) {
    var builder = DeltaBuilder(previousNight: previousNight)
    let upsert = try db.makeStatement(sql: DeviceRow.upsertSQL)
    guard previousNight != nil else {
      for device in devices {
        try upsert.execute(arguments: DeviceRow.arguments(device, account: account, filter: filter))
      }
      return (builder.delta, [:])
    }
    var writes: [Device] = []
    var removals: [Device] = []
    let stored = try Row.fetchCursor(
      db,
      sql:
        "SELECT \(DeviceRow.columns) FROM device WHERE account = ? AND clientTypeFilter = ? ORDER BY sortKey",
      arguments: [account, filter])
    var previous = try stored.next().map(DeviceRow.device)
    let currentIterator = devices.makeIterator()
    var current = currentIterator.next()
    while previous != nil || current != nil {
      let order: Int
      switch (previous, current) {
      case (let old?, let new?):
        let (oldKey, newKey) = (HistoryKey.sortKey(old.deviceId), HistoryKey.sortKey(new.deviceId))
        order = oldKey == newKey ? 0 : oldKey < newKey ? -1 : 1
      case (nil, _): order = 1
      default: order = -1
      }
      switch order {
      case -1:
        builder.compare(previous: previous, current: nil)
        removals.append(previous!)
        previous = try stored.next().map(DeviceRow.device)
      case 1:
        builder.compare(previous: nil, current: current)
        writes.append(current!)
        current = currentIterator.next()
      default:
        let before = builder.delta.changes.count
        builder.compare(previous: previous, current: current)
        if builder.delta.changes.count > before || previous!.make != current!.make
          || previous!.model != current!.model
        {
          writes.append(current!)
        }
        previous = try stored.next().map(DeviceRow.device)
        current = currentIterator.next()
      }
    }
    for device in writes {
      try upsert.execute(arguments: DeviceRow.arguments(device, account: account, filter: filter))
    }
    var snapshots: [String: String] = [:]
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    for device in removals {
      try db.execute(
        sql: "DELETE FROM device WHERE account = ? AND clientTypeFilter = ? AND sortKey = ?",
        arguments: [account, filter, HistoryKey.sortKey(device.deviceId)])
      snapshots[device.deviceId] = String(
        decoding: try encoder.encode(DeviceRow.Snapshot(device)), as: UTF8.self)
    }
    return (builder.delta, snapshots)
  }

  private func insertRun(
    _ db: Database, account: String, filter: String, night: String, asOf: Int64, summary: FleetSummary,
    delta: FleetDelta, snapshots: [String: String]
  ) throws {
    try db.execute(
      sql: """
        INSERT INTO run (account, clientTypeFilter, night, asOf, isFirst, devices, ready, added, removed,
          changedDevices, changes)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        account, filter, night, asOf, !delta.hasPreviousRun, summary.totals.devices, summary.totals.ready,
        delta.added, delta.removed, delta.changedDevices, delta.changes.count,
      ])
    let runId = db.lastInsertedRowID
    let change = try db.makeStatement(
      sql: """
        INSERT INTO change (runId, sortKey, deviceId, make, model, kind, before, after, snapshot)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for row in delta.changes {
      try change.execute(arguments: [
        runId, HistoryKey.sortKey(row.deviceId), row.deviceId, row.make, row.model, row.kind.rawValue,
        row.before, row.after, row.kind == .removed ? snapshots[row.deviceId] : nil,
      ])
    }
    try HistoryAggregates.insert(db, runId: runId, summary: summary)
  }

  static func describe(_ error: any Error) -> String {
    if let error = error as? DatabaseError {
      return error.message ?? "SQLite error \(error.resultCode.rawValue)"
    }
    return (error as? LocalizedError)?.errorDescription ?? String(describing: error)
  }
}

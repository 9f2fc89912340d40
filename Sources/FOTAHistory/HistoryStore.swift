import FOTAModel
import FOTANightDevices
import Foundation
import GRDB

/// Every successful run's results in SQLite: each device's current state, an append-only change
/// log, and per-run aggregates. A night where nothing changed adds only its run row and
/// aggregates.
///
/// A night is recorded in three steps, so that the history and the published report always
/// agree: ``prepare(account:clientTypeFilter:asOf:summary:devices:dataProblems:feed:trendNights:targetPercent:)``
/// compares it with the stored state without writing; ``commit(_:devices:output:)`` records it as
/// *pending* in one transaction; once the report is swapped into place ``markPublished(_:)``
/// makes it count. A run killed in between leaves a pending run, which the next run completes
/// (its report was published) or rolls back (``rollBack(_:)``). Readers see published runs only.
public final class HistoryStore: Sendable {
  /// The database file, or the PostgreSQL URL without its password.
  public let path: String
  let database: any HistoryDatabase

  /// How long a run waits for SQLite's lock held by another process before it gives up.
  public static let defaultBusyTimeout: TimeInterval = 60

  /// Opens (creating if needed) and migrates the history at `path`. A database written by a
  /// newer version, or one that cannot be read, is reported and left untouched.
  public init(path: String, busyTimeout: TimeInterval = defaultBusyTimeout) throws(HistoryError) {
    self.path = path
    if FileManager.default.fileExists(atPath: path) {
      try Self.inspect(path, busyTimeout: busyTimeout)
    }
    do {
      try FileManager.default.createDirectory(
        at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
      var configuration = Configuration()
      configuration.busyMode = .timeout(busyTimeout)
      let pool = try DatabasePool(path: path, configuration: configuration)
      try HistorySchema.migrator.migrate(pool)
      database = SQLiteHistoryDatabase(path: path, pool: pool)
    } catch {
      throw .failed(path: path, reason: Self.describe(error))
    }
  }

  /// A store over an open, migrated database.
  init(database: any HistoryDatabase) {
    self.path = database.name
    self.database = database
  }

  /// Checks an existing file read-only: a readable SQLite database with no unknown migrations.
  private static func inspect(_ path: String, busyTimeout: TimeInterval) throws(HistoryError) {
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

  // MARK: Recording a night

  /// The last published run of an account and filter, for the drop guard.
  public func lastPublishedRun(account: String, clientTypeFilter: String?) throws(HistoryError) -> HistoryRun?
  {
    try access {
      try self.database.read { sql in
        try RunTable(sql: sql).latestPublished(account: account, filter: clientTypeFilter ?? "")?.run
      }
    }
  }

  /// A sink that compares tonight's devices with the last published night of `account` and
  /// `clientTypeFilter` while they are collected, for ``prepare(account:clientTypeFilter:asOf:summary:devices:dataProblems:feed:trendNights:targetPercent:)``;
  /// `nil` when there is no such night or it has no device index.
  public func feed(account: String, clientTypeFilter: String?) throws(HistoryError) -> HistoryFeed? {
    let filter = clientTypeFilter ?? ""
    return try access {
      guard
        let run = try self.database.read({ sql in
          try RunTable(sql: sql).latestPublished(account: account, filter: filter)
        }),
        let earlier = try DeviceIndex.Reader(self.database, runId: run.id)
      else { return nil }
      return HistoryFeed(
        account: account, filter: filter, previousRunId: run.id,
        merge: try DeviceIndexMerge(previous: earlier))
    }
  }

  /// Compares tonight with the previous run of the same account and filter, and computes the
  /// trends over the last `trendNights` nights with tonight included; writes nothing. Running
  /// the latest night again prepares to replace it; an older night is refused.
  public func prepare(
    account: String, clientTypeFilter: String?, asOf: Int64, summary: FleetSummary, devices: SpooledDevices,
    dataProblems: Int = 0, upgrades: [UpgradeTotals]? = nil, feed: HistoryFeed? = nil, trendNights: Int = 30,
    targetPercent: Double = 95
  ) throws(HistoryError) -> PreparedNight {
    let filter = clientTypeFilter ?? ""
    let night = CivilCalendar.isoDate(milliseconds: asOf)
    return try access {
      try self.database.read { sql in
        let runs = RunTable(sql: sql)
        var latest = try runs.latestPublished(account: account, filter: filter)
        var replaces: Int64?
        var overrides: [String: Device?] = [:]
        if let run = latest {
          if run.night > night { throw HistoryError.notLatestNight(night: night, latest: run.night) }
          if run.night == night {
            replaces = run.id
            overrides = try Self.stateBefore(sql, run: run)
            latest = try runs.latestPublished(account: account, filter: filter, before: run.id)
          }
        }
        var (delta, writes, comparison) = try Self.compare(
          sql, account: account, filter: filter, previous: latest, overrides: overrides, devices: devices,
          feed: feed)
        if let latest {
          delta.previousDevices = latest.devices
          delta.previousReady = latest.ready
          delta.previousDataProblems = latest.dataProblems
        }
        let trends = try HistoryTrends.compute(
          sql, account: account, filter: filter, nights: trendNights, targetPercent: targetPercent,
          tonight: .init(night: night, summary: summary, delta: delta), excluding: replaces)
        let upgradesBefore = try latest.flatMap { try UpgradeTotalsTable(sql: sql).upgrades(runId: $0.id) }
        return PreparedNight(
          history: NightHistory(delta: delta, trends: trends, upgradesBefore: upgradesBefore),
          account: account,
          filter: filter, night: night, asOf: asOf, summary: summary, dataProblems: dataProblems,
          upgrades: upgrades, replaces: replaces, writes: writes, comparison: comparison)
      }
    }
  }

  /// Records a prepared night as pending, in one transaction: the run it replaces is undone,
  /// tonight's device rows, changes and aggregates written. Returns the run's id, which the
  /// report's `run.json` carries so a later run can tell whether it was published.
  /// `beforeCommit` runs inside the transaction once everything is written (the kill tests stop
  /// the run there).
  public func commit(
    _ night: PreparedNight, devices: SpooledDevices, output: String, beforeCommit: () -> Void = {}
  ) throws(HistoryError) -> Int64 {
    try access {
      try self.database.write { sql in
        if let replaced = night.replaces { try Self.undo(sql, runId: replaced) }
        let table = DeviceTable(sql: sql, account: night.account, filter: night.filter)
        var writer = try table.writer()
        var snapshots: [String: String] = [:]
        var index: DeviceIndex?
        switch night.writes {
        case .everyDevice:
          try table.deleteAll()
          writer = try table.writer(fresh: true)
          var tonight: DeviceIndex? = DeviceIndex()
          var written = 0
          for record in devices {
            // A first night of a million devices takes seconds: a stop rolls it back on the way.
            written += 1
            if written % 10_000 == 0, Task.isCancelled { throw Stopping() }
            try writer.write(record.device)
            if tonight?.append(record.device) == false { tonight = nil }
          }
          try writer.finish()
          index = tonight
        case .changed(let upserts, let removals, let tonight):
          index = tonight
          for device in upserts { try writer.write(device) }
          try writer.finish()
          for (device, snapshot) in removals {
            try table.delete(sortKey: DeviceID.sortKey(device.deviceId))
            snapshots[device.deviceId] = snapshot
          }
        }
        let runId = try RunTable(sql: sql).insertPending(night, output: output)
        try ChangeTable(sql: sql).insert(runId: runId, night.history.delta.changes, snapshots: snapshots)
        try AggregateTable(sql: sql).insert(runId: runId, summary: night.summary)
        if let upgrades = night.upgrades {
          let table = UpgradeTotalsTable(sql: sql)
          try table.insert(runId: runId, upgrades)
          try table.markRead(runId: runId)
        }
        try index?.store(sql, runId: runId, account: night.account, filter: night.filter)
        beforeCommit()
        return runId
      }
    }
  }

  /// The run is stopping (a signal, or its deadline): the night's transaction is rolled back.
  struct Stopping: Error, LocalizedError {
    var errorDescription: String? { "the run is stopping; nothing was recorded" }
  }

  /// Marks a committed run published: its report is in place.
  public func markPublished(_ runId: Int64) throws(HistoryError) {
    try access {
      try self.database.write { sql in try RunTable(sql: sql).markPublished(runId) }
    }
  }

  /// Undoes a committed run whose report was never published: the device rows go back to how
  /// they were, and the run, its changes and its aggregates are removed.
  public func rollBack(_ runId: Int64) throws(HistoryError) {
    try access {
      try self.database.write { sql in try Self.undo(sql, runId: runId) }
    }
  }

  /// Runs committed but not marked published: left by a run killed between the two.
  public func pendingRuns() throws(HistoryError) -> [HistoryRun] {
    try access {
      try self.database.read { sql in
        try RunTable(sql: sql).pending().map(\.run)
      }
    }
  }

  // MARK: Steps

  /// Runs a database operation, turning its failures into ``HistoryError``.
  func access<Value>(_ body: () throws -> Value) throws(HistoryError) -> Value {
    do {
      return try body()
    } catch let error as HistoryError {
      throw error
    } catch {
      throw .failed(path: path, reason: database.describe(error))
    }
  }

  /// How the devices a run changed looked before it, by sort key (`nil`: absent before it).
  private static func stateBefore(_ sql: any HistorySQL, run: RunTable.Record) throws -> [String: Device?] {
    guard !run.isFirst else { return [:] }
    let stored = DeviceTable(sql: sql, account: run.account, filter: run.clientTypeFilter)
    var before: [String: Device?] = [:]
    for change in try ChangeTable(sql: sql).newestFirst(runId: run.id) {
      let key = change.sortKey
      switch change.kind {
      case .added: before[key] = .some(nil)
      case .removed: before[key] = try ChangeTable.Snapshot.decode(change.snapshot).device
      case let kind?:
        var device: Device
        if let known = before[key], let known {
          device = known
        } else if let found = try stored.device(sortKey: key) {
          device = found
        } else {
          continue
        }
        ChangeTable.restore(kind, before: change.before, in: &device)
        before[key] = device
      case nil: break
      }
    }
    return before
  }

  /// Merges tonight's devices with the stored ones (as they were before the replaced run, when
  /// `overrides` says so), in IMEI order: the delta and the rows to write.
  private static func compare(
    _ sql: any HistorySQL, account: String, filter: String, previous: RunTable.Record?,
    overrides: [String: Device?],
    devices: SpooledDevices, feed: HistoryFeed?
  ) throws -> (FleetDelta, PreparedNight.Writes, HistoryComparison) {
    guard let previous else { return (DeltaBuilder(previousNight: nil).delta, .everyDevice, .firstNight) }
    if overrides.isEmpty, let feed, feed.account == account, feed.filter == filter,
      feed.previousRunId == previous.id,
      let (delta, writes) = try apply(
        feed.finished(), sql, account: account, filter: filter, previous: previous)
    {
      return (delta, writes, .fedWhileCollecting)
    }
    if overrides.isEmpty,
      let (delta, writes) = try compareByIndex(
        sql, account: account, filter: filter, previous: previous, devices: devices)
    {
      return (delta, writes, .deviceIndex)
    }
    var builder = DeltaBuilder(previousNight: previous.night)
    var tonight: DeviceIndex? = DeviceIndex()
    var upserts = CompactDevices()
    var removals: [(device: Device, snapshot: String)] = []
    var stored = try StoredDevices(sql, account: account, filter: filter, overrides: overrides)
    var previousDevice = try stored.next()
    var currentIterator = devices.lazy.map(\.device).makeIterator()
    var current = currentIterator.next()
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    while previousDevice != nil || current != nil {
      let order: Int
      switch (previousDevice, current) {
      case (let old?, let new?):
        order = DeviceID.compare(old.deviceId, new.deviceId)
      case (nil, _): order = 1
      default: order = -1
      }
      switch order {
      case -1:
        builder.compare(previous: previousDevice, current: nil)
        let snapshot = String(
          decoding: try encoder.encode(ChangeTable.Snapshot(previousDevice!)), as: UTF8.self)
        removals.append((previousDevice!, snapshot))
        previousDevice = try stored.next()
      case 1:
        builder.compare(previous: nil, current: current)
        upserts.append(current!)
        if tonight?.append(current!) == false { tonight = nil }
        current = currentIterator.next()
      default:
        let before = builder.delta.changes.count
        builder.compare(previous: previousDevice, current: current)
        if builder.delta.changes.count > before || previousDevice!.make != current!.make
          || previousDevice!.model != current!.model
        {
          upserts.append(current!)
        }
        if tonight?.append(current!) == false { tonight = nil }
        previousDevice = try stored.next()
        current = currentIterator.next()
      }
    }
    return (builder.delta, .changed(upserts: upserts, removals: removals, index: tonight), .rowByRow)
  }

  /// The comparison through the previous run's ``DeviceIndex``, tonight's devices read from the
  /// spool. `nil` when the previous run has no index or tonight's ids cannot be indexed; the
  /// caller then compares row by row.
  private static func compareByIndex(
    _ sql: any HistorySQL, account: String, filter: String, previous: RunTable.Record, devices: SpooledDevices
  ) throws -> (FleetDelta, PreparedNight.Writes)? {
    guard let earlier = try DeviceIndex.Reader(sql, runId: previous.id) else { return nil }
    var merge = try DeviceIndexMerge(previous: earlier)
    for record in devices {
      try merge.take(record.device)
      guard merge.usable else { return nil }
    }
    try merge.finish()
    return try apply(merge, sql, account: account, filter: filter, previous: previous)
  }

  /// The delta and the rows to write from a merge with the previous run's index: only the
  /// devices it names are read from the `device` table. `nil` when the merge could not be
  /// completed or the table does not hold what the index says.
  private static func apply(
    _ merge: DeviceIndexMerge, _ sql: any HistorySQL, account: String, filter: String,
    previous: RunTable.Record
  ) throws -> (FleetDelta, PreparedNight.Writes)? {
    guard merge.usable else { return nil }
    var builder = DeltaBuilder(previousNight: previous.night)
    var upserts = CompactDevices()
    var removals: [(device: Device, snapshot: String)] = []
    let lookup = DeviceTable(sql: sql, account: account, filter: filter)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    // The events are taken in stretches: the stored devices a stretch needs are read in one
    // statement, then its events are compared in order.
    enum Step {
      case added(Device)
      case changed(Device)
      case removed(String)
    }
    var stretch: [Step] = []
    var wanted: [String] = []
    func compareStretch() throws -> Bool {
      let stored = try lookup.devices(sortKeys: wanted)
      for step in stretch {
        switch step {
        case .added(let device):
          builder.compare(previous: nil, current: device)
          upserts.append(device)
        case .changed(let device):
          guard let before = stored[DeviceID.sortKey(device.deviceId)] else { return false }
          let changes = builder.delta.changes.count
          builder.compare(previous: before, current: device)
          if builder.delta.changes.count > changes || before.make != device.make
            || before.model != device.model
          {
            upserts.append(device)
          }
        case .removed(let id):
          guard let device = stored[DeviceID.sortKey(id)] else { return false }
          builder.compare(previous: device, current: nil)
          removals.append(
            (device, String(decoding: try encoder.encode(ChangeTable.Snapshot(device)), as: UTF8.self)))
        }
      }
      stretch.removeAll(keepingCapacity: true)
      wanted.removeAll(keepingCapacity: true)
      return true
    }
    let tonight = merge.devices.makeIterator()
    for event in merge.events {
      switch event {
      case .added:
        guard let device = tonight.next() else { return nil }
        stretch.append(.added(device))
      case .changed:
        guard let device = tonight.next() else { return nil }
        stretch.append(.changed(device))
        wanted.append(DeviceID.sortKey(device.deviceId))
      case .removed(let id):
        stretch.append(.removed(String(id)))
        wanted.append(DeviceID.sortKey(String(id)))
      }
      if wanted.count == DeviceTable.lookupBatch || stretch.count == DeviceTable.page {
        guard try compareStretch() else { return nil }
      }
    }
    guard try compareStretch() else { return nil }
    return (builder.delta, .changed(upserts: upserts, removals: removals, index: merge.tonight))
  }

  /// Undoes a run: restores the device rows its change log describes and deletes it.
  private static func undo(_ sql: any HistorySQL, runId id: Int64) throws {
    let runs = RunTable(sql: sql)
    guard let run = try runs.find(id) else { return }
    let table = DeviceTable(sql: sql, account: run.account, filter: run.clientTypeFilter)
    if run.isFirst {
      try table.deleteAll()
    } else {
      var writer = try table.writer()
      var deleted: [String] = []
      for (key, device) in try stateBefore(sql, run: run).sorted(by: { $0.key < $1.key }) {
        if let device { try writer.write(device) } else { deleted.append(key) }
      }
      try writer.finish()
      for key in deleted { try table.delete(sortKey: key) }
    }
    try runs.delete(id)
  }

  static func describe(_ error: any Error) -> String {
    SQLiteHistoryDatabase.describe(error)
  }
}

import FOTAModel
import GRDB

/// The history database's schema, built by named, append-only migrations.
public enum HistorySchema {
  /// Every migration, in order. Never edit one that has shipped: append a new one.
  public static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1-runs-devices-changes-aggregates") { db in
      try db.execute(
        sql: """
          CREATE TABLE run (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            account TEXT NOT NULL,
            clientTypeFilter TEXT NOT NULL,
            night TEXT NOT NULL,
            asOf INTEGER NOT NULL,
            isFirst INTEGER NOT NULL,
            devices INTEGER NOT NULL,
            ready INTEGER NOT NULL,
            added INTEGER NOT NULL,
            removed INTEGER NOT NULL,
            changedDevices INTEGER NOT NULL,
            changes INTEGER NOT NULL,
            UNIQUE (account, clientTypeFilter, night)
          );
          CREATE TABLE device (
            account TEXT NOT NULL,
            clientTypeFilter TEXT NOT NULL,
            sortKey TEXT NOT NULL,
            deviceId TEXT NOT NULL,
            make TEXT NOT NULL,
            model TEXT NOT NULL,
            firmware TEXT NOT NULL,
            clientType TEXT NOT NULL,
            status TEXT NOT NULL,
            fotaEligible INTEGER NOT NULL,
            licenseAssigned INTEGER NOT NULL,
            upgradeState TEXT NOT NULL,
            upgradeTime INTEGER,
            PRIMARY KEY (account, clientTypeFilter, sortKey)
          ) WITHOUT ROWID;
          CREATE TABLE change (
            runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
            sortKey TEXT NOT NULL,
            deviceId TEXT NOT NULL,
            make TEXT NOT NULL,
            model TEXT NOT NULL,
            kind TEXT NOT NULL,
            before TEXT NOT NULL,
            after TEXT NOT NULL,
            snapshot TEXT
          );
          CREATE INDEX change_by_run ON change (runId, sortKey);
          CREATE TABLE aggregate (
            runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
            dimension TEXT NOT NULL,
            make TEXT NOT NULL,
            model TEXT NOT NULL,
            value TEXT NOT NULL,
            devices INTEGER NOT NULL,
            fotaEligible INTEGER NOT NULL,
            licenseAssigned INTEGER NOT NULL,
            ready INTEGER NOT NULL,
            needsLicense INTEGER NOT NULL,
            ineligible INTEGER NOT NULL,
            upgraded INTEGER NOT NULL,
            neverUpgraded INTEGER NOT NULL,
            unknownUpgrade INTEGER NOT NULL,
            invalidUpgrade INTEGER NOT NULL
          );
          CREATE INDEX aggregate_by_run ON aggregate (runId, dimension);
          """)
    }
    migrator.registerMigration("v2-aggregate-latest-upgrade") { db in
      // The newest upgrade instant of each group, to tell a model's newest firmware.
      try db.execute(sql: "ALTER TABLE aggregate ADD COLUMN latestUpgrade INTEGER")
    }
    migrator.registerMigration("v3-run-state-and-output") { db in
      // A run is recorded as pending, then marked published once its report is in place; a run
      // killed in between is completed or rolled back by the next one (see HistoryStore).
      try db.execute(sql: "ALTER TABLE run ADD COLUMN state TEXT NOT NULL DEFAULT 'published'")
      try db.execute(sql: "ALTER TABLE run ADD COLUMN output TEXT NOT NULL DEFAULT ''")
    }
    migrator.registerMigration("v4-sort-keys-for-ids-of-any-length") { db in
      // Sort keys used to pad digits to 24, so ids longer than that sorted wrongly: recompute
      // every key with DeviceID.sortKey, the one IMEI order.
      for table in ["device", "change"] {
        let ids = try String.fetchAll(db, sql: "SELECT DISTINCT deviceId FROM \(table)")
        for id in ids {
          try db.execute(
            sql: "UPDATE \(table) SET sortKey = ? WHERE deviceId = ?", arguments: [DeviceID.sortKey(id), id])
        }
      }
    }
    migrator.registerMigration("v5-device-index") { db in
      // Each run's devices as ids and digests, so the next night reads only what changed (see
      // DeviceIndex); removed with its run.
      try db.execute(
        sql: """
          CREATE TABLE deviceIndex (
            runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
            chunk INTEGER NOT NULL,
            account TEXT NOT NULL,
            clientTypeFilter TEXT NOT NULL,
            count INTEGER NOT NULL,
            ids BLOB NOT NULL,
            digests BLOB NOT NULL,
            PRIMARY KEY (runId, chunk)
          );
          CREATE INDEX deviceIndex_by_account ON deviceIndex (account, clientTypeFilter, runId);
          """)
    }
    migrator.registerMigration("v6-run-data-problems") { db in
      // Each night's data-problem count, so the next summary can say when they rose; unknown
      // (NULL) for nights recorded before.
      try db.execute(sql: "ALTER TABLE run ADD COLUMN dataProblems INTEGER")
    }
    migrator.registerMigration("v7-upgrade-totals") { db in
      // Each night's upgrades from the upgrade reports, by outcome, so the next night can say how
      // many devices each moved; removed with its run. `readUpgrades` tells a night that read no
      // upgrade from one that did not read the reports.
      try db.execute(
        sql: """
          CREATE TABLE upgradeTotals (
            runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
            upgradeId TEXT NOT NULL,
            status TEXT NOT NULL,
            devices INTEGER NOT NULL,
            succeeded INTEGER NOT NULL,
            failed INTEGER NOT NULL,
            inProgress INTEGER NOT NULL,
            pending INTEGER NOT NULL,
            other INTEGER NOT NULL,
            PRIMARY KEY (runId, upgradeId)
          );
          ALTER TABLE run ADD COLUMN readUpgrades INTEGER NOT NULL DEFAULT 0;
          """)
    }
    return migrator
  }
}

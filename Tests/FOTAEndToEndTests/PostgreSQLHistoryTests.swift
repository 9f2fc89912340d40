import FOTATestSupport
import Foundation
import Testing

@testable import FOTAHistory

/// `fota-report run` and `history` against a PostgreSQL history on the tests' own server: the run
/// lock across hosts, a server that cannot be used, a connection dropped in the commit, a newer
/// schema, and three nights giving the same reports and `history show` as SQLite.
@Suite("PostgreSQL history: runs")
struct PostgreSQLHistoryTests {
  static let account = "0242078698-00001"
  static let runner = BinaryRunner(environment: BinaryRunner.environment(adding: TestPostgres.environment))

  static func arguments(
    _ directory: TemporaryDirectory, night: Int, history: HistoryLocation, out: String = "latest"
  )
    -> [String]
  {
    [
      "run", "--demo", "--demo-devices", "3000", "--night", String(night), "--out", directory.path(out).path,
      "--templates", RepositoryPaths.templates.path,
    ] + TestHistoryStore.arguments(history)
  }

  static func runs(_ history: HistoryLocation) throws -> [String] {
    let store = try HistoryStore.open(history)
    defer { store.close() }
    return try store.runs().map { "\($0.night) \($0.isPublished ? "published" : "pending")" }
  }

  static func historyProblem(_ directory: TemporaryDirectory, out: String = "latest") throws -> String? {
    let data = try Data(contentsOf: directory.path("\(out)/run.json"))
    let record = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    return record["historyProblem"] as? String
  }

  @Test("a second run of an account exits 75 naming the first; a run of another account goes ahead")
  func runLock() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let history = try await TestHistoryStore.postgreSQL.location(in: directory)
    // Another host's run holds the account's lock meanwhile.
    let holder = try HistoryStore.open(history, applicationName: "fota-report on host-a, pid 4711")
    try holder.lockRun(account: Self.account, clientTypeFilter: nil)
    let refused = try await Self.runner.run(
      Self.arguments(directory, night: 0, history: history) + ["--account", Self.account])
    #expect(refused.exitCode == 75, "\(refused.standardError)")
    #expect(
      refused.errorLines.first?.contains("fota-report on host-a, pid 4711") == true, "\(refused.errorLines)")
    #expect(!FileManager.default.fileExists(atPath: directory.path("latest").path))
    holder.close()

    // A run of another account holds its own lock: this account's night goes ahead, recorded.
    let other = try HistoryStore.open(history, applicationName: "fota-report on host-b, pid 17")
    defer { other.close() }
    try other.lockRun(account: "0242078698-00002", clientTypeFilter: nil)
    let ran = try await Self.runner.run(
      Self.arguments(directory, night: 0, history: history) + ["--account", Self.account])
    #expect(ran.exitCode == 0, "\(ran.standardError)")
    #expect(try Self.runs(history) == ["2026-11-01 published"])
  }

  @Test("a server that cannot be used costs the history, not the report: exit 4; a bad URL is exit 64")
  func unusableServer() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let server = try await TestPostgres.shared()
    let closed = try TestPostgres.freePort()
    let cases: [(url: String, password: String, says: String)] = [
      (
        "postgresql://\(TestPostgres.user)@127.0.0.1:\(closed)/postgres", TestPostgres.password,
        "cannot reach"
      ),
      (server.url(), "not-the-password", "password authentication failed"),
    ]
    for (number, (url, password, says)) in cases.enumerated() {
      let out = "latest-\(number)"
      let runner = BinaryRunner(environment: BinaryRunner.environment(adding: ["PGPASSWORD": password]))
      let result = try await runner.run([
        "run", "--demo", "--demo-devices", "1000", "--out", directory.path(out).path, "--history", url,
      ])
      #expect(result.exitCode == 4, "\(url): \(result.standardError)")
      let problem = try Self.historyProblem(directory, out: out) ?? ""
      #expect(problem.contains(says), "\(problem)")
      #expect(!result.standardError.contains(password))
    }
    for (url, says) in [
      ("postgresql://fota:secret@127.0.0.1:\(closed)/postgres", "holds a password"),
      ("postgresql://fota@db.example.com/postgres?sslmode=disable", "clear text"),
      ("postgresql://fota@127.0.0.1/postgres?sslmode=sometimes", "sslmode=sometimes"),
    ] {
      let result = try await Self.runner.run([
        "run", "--demo", "--out", directory.path("refused").path, "--history", url,
      ])
      #expect(result.exitCode == 64, "\(url): \(result.standardError)")
      #expect(result.standardError.contains(says), "\(result.standardError)")
      #expect(!result.standardError.contains("secret"))
    }
    #expect(!FileManager.default.fileExists(atPath: directory.path("refused").path))
  }

  @Test("a connection dropped in the commit records nothing: exit 4, and the next night records normally")
  func droppedInCommit() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let history = try await TestHistoryStore.postgreSQL.location(in: directory)
    #expect(try await Self.runner.run(Self.arguments(directory, night: 0, history: history)).exitCode == 0)
    var dropping = Self.runner
    dropping.environment["FOTA_DROP_HISTORY_AT"] = "committing"
    let dropped = try await dropping.run(Self.arguments(directory, night: 1, history: history))
    #expect(dropped.exitCode == 4, "\(dropped.standardError)")
    #expect(try Self.historyProblem(directory) != nil)
    #expect(try Self.runs(history) == ["2026-11-01 published"])
    let next = try await Self.runner.run(Self.arguments(directory, night: 1, history: history))
    #expect(next.exitCode == 0, "\(next.standardError)")
    #expect(try Self.runs(history) == ["2026-11-01 published", "2026-11-02 published"])
  }

  @Test("a schema a newer version migrated is refused and left untouched")
  func newerSchema() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let history = try await TestHistoryStore.postgreSQL.location(in: directory)
    #expect(try await Self.runner.run(Self.arguments(directory, night: 0, history: history)).exitCode == 0)
    let store = try HistoryStore.open(history)
    _ = try store.database.write {
      try $0.execute("INSERT INTO migrations (identifier) VALUES ('v99-future')")
    }
    func state() throws -> [String] {
      try store.database.read { sql in
        try sql.rows("SELECT identifier FROM migrations ORDER BY identifier", []).map {
          try $0.string("identifier")
        }
          + [String(try sql.int64("SELECT count(*) FROM run") ?? -1)]
      }
    }
    let before = try state()
    let result = try await Self.runner.run(Self.arguments(directory, night: 1, history: history))
    #expect(result.exitCode == 4, "\(result.standardError)")
    #expect(try Self.historyProblem(directory)?.contains("written by a newer fota-report") == true)
    #expect(try state() == before)
    store.close()
  }

  /// A published report's files, with the timing figures (the only fields that differ from run to
  /// run) blanked.
  static func reportFiles(_ folder: URL) throws -> [String: String] {
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
      guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else {
        files[name] = "binary \((try? Data(contentsOf: folder.appendingPathComponent(name)))?.count ?? -1)"
        continue
      }
      files[name] = text.replacingOccurrences(
        of: #"("(collect|render)Seconds" : |collectSeconds="|<span class="timing">)[0-9.]+"#,
        with: "$1…", options: .regularExpression)
    }
    return files
  }

  @Test("three demo nights into SQLite and into PostgreSQL: the same reports and the same history show")
  func differential() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let stores: [(out: String, history: HistoryLocation)] = [
      ("sqlite", try await TestHistoryStore.sqlite.location(in: directory)),
      ("postgresql", try await TestHistoryStore.postgreSQL.location(in: directory)),
    ]
    for night in 0...2 {
      for (out, history) in stores {
        let result = try await Self.runner.run(
          Self.arguments(directory, night: night, history: history, out: out)
            + ["--as-of", "2026-11-0\(night + 1)"])
        #expect(result.exitCode == 0, "\(out) night \(night): \(result.standardError)")
      }
      let reports = try stores.map { try Self.reportFiles(directory.path($0.out)) }
      #expect(reports[0].keys.sorted() == reports[1].keys.sorted())
      for name in reports[0].keys.sorted() where name != "run.json" {
        #expect(reports[0][name] == reports[1][name], "night \(night): \(name)")
      }
    }
    var shown: [[String]] = []
    for (_, history) in stores {
      var outputs = [
        try await Self.runner.run(["history", "list"] + TestHistoryStore.arguments(history)).standardOutput
      ]
      for run in 1...3 {
        outputs.append(
          try await Self.runner.run(["history", "show", String(run)] + TestHistoryStore.arguments(history))
            .standardOutput)
      }
      shown.append(outputs)
    }
    #expect(shown[0] == shown[1])
    #expect(shown[0][1].contains("night 2026-11-01"))

    // The views for BI tools: one row per published night (and model, firmware or upgrade), the
    // figures the runs recorded.
    let shared = try HistoryStore.open(stores[1].history)
    defer { shared.close() }
    let runs = try shared.runs()
    try shared.database.read { sql in
      let totals = try sql.rows(
        "SELECT night::text AS night, devices, ready FROM night_totals ORDER BY night", [])
      #expect(try totals.map { try $0.string("night") } == ["2026-11-01", "2026-11-02", "2026-11-03"])
      #expect(try totals.map { try $0.int("devices") } == runs.map(\.devices))
      #expect(try totals.map { try $0.int("ready") } == runs.map(\.ready))
      let changes = try sql.rows("SELECT changes, firmware_changes FROM night_changes ORDER BY night", [])
      #expect(try changes.map { try $0.int("changes") } == runs.map(\.changes))
      #expect(try changes.dropFirst().allSatisfy { try $0.int("firmware_changes") > 0 })
      let adoption = try sql.int64(
        "SELECT count(*) FROM night_model_adoption WHERE on_leading_firmware > devices OR leading_firmware IS NULL"
      )
      #expect(adoption == 0)
      #expect(try sql.int64("SELECT count(DISTINCT night) FROM night_model_adoption") == 3)
      #expect(
        try sql.int64("SELECT sum(devices)::bigint FROM night_model_firmware WHERE night = '2026-11-03'")
          == Int64(runs[2].devices))
      #expect(try sql.int64("SELECT count(DISTINCT night) FROM night_campaigns") == 3)
    }

    // The split points of --parallel: from the last night's device index, then (without it) from
    // the device table, the same in both stores.
    for withIndex in [true, false] {
      let splits = try stores.map { _, history in
        let store = try HistoryStore.open(history)
        defer { store.close() }
        if !withIndex { _ = try store.database.write { try $0.execute("DELETE FROM deviceIndex") } }
        return try store.splitCandidates(
          account: Self.account, clientTypeFilter: nil, ranges: 3, minimumPerRange: 500)
      }
      #expect(splits[0] == splits[1], "index \(withIndex)")
      #expect(splits[0].count == 2)
    }
  }

  @Test("history copy moves a whole history to PostgreSQL and back; the next night continues its trend")
  func copyRoundTrip() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let original = try await TestHistoryStore.sqlite.location(in: directory)
    let shared = try await TestHistoryStore.postgreSQL.location(in: directory)
    let back = HistoryLocation.sqlite(path: directory.path("back.sqlite").path)
    for night in 0...1 {
      let result = try await Self.runner.run(
        Self.arguments(directory, night: night, history: original, out: "a"))
      #expect(result.exitCode == 0, "\(result.standardError)")
    }
    func copy(_ from: HistoryLocation, _ to: HistoryLocation) async throws -> BinaryRunner.Result {
      func named(_ location: HistoryLocation, _ role: String) -> [String] {
        let arguments = TestHistoryStore.arguments(location)
        return ["--\(role)", arguments[1]] + (arguments.count > 2 ? ["--\(role)-schema", arguments[3]] : [])
      }
      return try await Self.runner.run(["history", "copy"] + named(from, "from") + named(to, "to"))
    }
    for (from, to) in [(original, shared), (shared, back)] {
      let copied = try await copy(from, to)
      #expect(copied.exitCode == 0, "\(copied.standardError)")
      #expect(copied.standardOutput.contains("every table's row count matches"))
      #expect(copied.standardOutput.contains("run: 2 rows"))
    }
    var shown: [String] = []
    for history in [original, shared, back] {
      shown.append(
        try await Self.runner.run(["history", "show", "2"] + TestHistoryStore.arguments(history))
          .standardOutput)
    }
    #expect(shown[0] == shown[1] && shown[0] == shown[2], "\(shown)")
    // Night 2 on the copy compares with night 1 exactly as on the original.
    for (history, out) in [(original, "a"), (shared, "b")] {
      let result = try await Self.runner.run(Self.arguments(directory, night: 2, history: history, out: out))
      #expect(result.exitCode == 0, "\(result.standardError)")
    }
    for name in ["changes.csv", "trend.csv"] {
      #expect(
        try String(contentsOf: directory.path("a/\(name)"), encoding: .utf8)
          == String(contentsOf: directory.path("b/\(name)"), encoding: .utf8), "\(name)")
    }
    #expect(try Self.runs(shared).last == "2026-11-03 published")
    // A history that already holds runs is not copied into.
    let refused = try await copy(original, shared)
    #expect(refused.exitCode == 1)
    #expect(refused.errorLines.first?.contains("already holds runs") == true, "\(refused.errorLines)")
  }
}

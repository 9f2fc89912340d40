import FOTAFleet
import FOTAPublish
import FOTASimulator
import FOTATestSupport
import Foundation
import Testing

/// `run --config`: many accounts in one run against a simulator serving them all.
@Suite("many accounts in one run")
struct AccountsRunTests {
  static let fleet = SyntheticFleet(seed: 21, deviceCount: 1_300)
  static let csvFiles = HTTPCollectionTests.csvFiles

  /// The simulator's accounts 2 and 3, with users of their own unless `sharing` says otherwise.
  static func simulator(accounts: Int = 3, sharing: Bool = false, latency: Duration = .zero)
    -> SimulatorConfiguration
  {
    var configuration = SimulatorConfiguration(fleet: fleet)
    configuration.latency = latency
    configuration.otherAccounts = (2...accounts).map { number in
      var account = SimulatedAccount.demo(number: number, seed: 21, devices: 900 + 100 * number)
      if sharing { account.credentials = .demo }
      return account
    }
    return configuration
  }

  /// The lines every test's config file starts with.
  static func header(_ url: URL, _ directory: TemporaryDirectory) -> String {
    """
    base-url = "\(url.absoluteString)"
    as-of = "2026-11-01"
    templates = "\(RepositoryPaths.templates.path)"
    formats = ["csv", "xml", "html"]
    max-attempts = 2
    no-history = true
    metrics-file = "\(directory.path("fota.prom").path)"

    """
  }

  /// An `[[account]]` table.
  static func account(_ name: String, out: URL, credentials: URL? = nil) -> String {
    var table = "[[account]]\nname = \"\(name)\"\nout = \"\(out.path)\"\n"
    if let credentials { table += "credentials = \"\(credentials.path)\"\n" }
    return table + "\n"
  }

  /// A credentials file, owner-only, for `user` with `password` (its own unless given).
  static func credentials(_ user: SimulatorCredentials, password: String? = nil, at url: URL) throws {
    let text = """
      THINGSPACE_CLIENT_ID=\(user.clientId)
      THINGSPACE_CLIENT_SECRET=\(user.clientSecret)
      THINGSPACE_USERNAME=\(user.username)
      THINGSPACE_PASSWORD=\(password ?? user.password)

      """
    _ = FileManager.default.createFile(
      atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
  }

  static func csv(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in csvFiles { files[name] = try Data(contentsOf: folder.appendingPathComponent(name)) }
    return files
  }

  @Test(
    "three accounts, one refused: the other two are exactly their own runs', the failed one's report stays")
  func oneFails() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let configuration = Self.simulator()
    let others = configuration.otherAccounts
    let outs = (1...3).map { directory.path("account-\($0)") }
    let files = (2...3).map { directory.path("account-\($0).env") }
    try Self.credentials(others[0].credentials, at: files[0])
    try Self.credentials(others[1].credentials, at: files[1])
    let config = directory.path("fleet.toml")
    let runner = BinaryRunner(
      environment: BinaryRunner.environment(adding: SimulatorLauncher.loginEnvironment()))

    let (first, second, alone, statistics) = try await SimulatorLauncher.withSimulator(configuration) {
      simulator, url in
      var text = "rollup = \"\(directory.path("all").path)\"\n" + Self.header(url, directory)
      text += Self.account(Self.fleet.account, out: outs[0])
      for index in 0..<2 {
        text += Self.account(others[index].fleet.account, out: outs[index + 1], credentials: files[index])
      }
      try text.write(to: config, atomically: true, encoding: .utf8)
      let first = try await runner.run(["run", "--config", config.path])
      let before = try Self.csv(outs[2])
      // Account 3's password is changed; the next night refuses it, and only it.
      try Self.credentials(others[1].credentials, password: "Wr0ng-7731", at: files[1])
      let before2 = await simulator.statistics()
      let second = try await runner.run(["run", "--config", config.path])
      #expect(try Self.csv(outs[2]) == before)
      let after2 = await simulator.statistics()
      // One login each; the refused one is not tried again.
      #expect(after2.tokenRequests - before2.tokenRequests == 3)
      #expect(after2.sessionLogins - before2.sessionLogins == 3)
      // Each published account as a run of its own makes.
      var alone: [[String: Data]] = []
      for (index, name) in [Self.fleet.account, others[0].fleet.account].enumerated() {
        let out = directory.path("alone-\(index + 1)")
        var environment = BinaryRunner.environment(adding: SimulatorLauncher.loginEnvironment())
        if index == 1 {
          let user = others[0].credentials
          environment.merge(
            [
              "THINGSPACE_CLIENT_ID": user.clientId, "THINGSPACE_CLIENT_SECRET": user.clientSecret,
              "THINGSPACE_USERNAME": user.username, "THINGSPACE_PASSWORD": user.password,
            ]) { $1 }
        }
        let result = try await BinaryRunner(environment: environment).run([
          "run", "--account", name, "--base-url", url.absoluteString, "--out", out.path, "--as-of",
          "2026-11-01",
          "--templates", RepositoryPaths.templates.path, "--formats", "csv,xml,html", "--max-attempts", "2",
          "--no-history",
        ])
        #expect(result.exitCode == 0, "\(result.standardError)")
        alone.append(try Self.csv(out))
      }
      return (first, second, alone, await simulator.statistics())
    }
    #expect(first.exitCode == 0, "\(first.standardError)")
    #expect(second.exitCode == 1)
    #expect(try Self.csv(outs[0]) == alone[0])
    #expect(try Self.csv(outs[1]) == alone[1])
    #expect(statistics.sessionLogins == 8, "three logins a night, one for each run alone")

    // One error line for the refused account, then one closing line per account in the file's order.
    let lines = second.errorLines
    #expect(lines.count == 4, "\(lines)")
    #expect(lines.first?.contains("error: \(others[1].fleet.account): ") == true)
    #expect(lines.first?.contains("Invalid username or password") == true)
    #expect(
      lines.dropFirst().map { $0.split(separator: " ")[1] }.map(String.init)
        == [Self.fleet.account, others[0].fleet.account, others[1].fleet.account])
    #expect(lines[1].contains(": published, ") && lines[2].contains(": published, "))
    #expect(lines[3].contains("failed (exit 1)"))
    #expect(lines[3].hasSuffix(outs[2].path))
    #expect(!second.standardError.contains("Wr0ng-7731"))

    try Self.checkRollup(
      directory.path("all"), outs: outs, names: [Self.fleet.account] + others.map(\.fleet.account))

    // The metrics file holds every account, each with its own exit code.
    let metrics = try String(contentsOf: directory.path("fota.prom"), encoding: .utf8)
    let (status, output) = try await MetricsTests.check(directory.path("fota.prom"))
    #expect(status == 0 && output.isEmpty, "promtool: \(output)")
    for (name, code) in [(Self.fleet.account, 0), (others[0].fleet.account, 0), (others[1].fleet.account, 1)]
    {
      #expect(
        metrics.contains("fota_report_last_run_exit_code{account=\"\(name)\",client_type=\"all\"} \(code)"))
    }
  }

  /// The roll-up of a night where accounts 1 and 2 published and account 3, published the night
  /// before, failed.
  static func checkRollup(_ folder: URL, outs: [URL], names: [String]) throws {
    let accounts = try CSVFile.read(
      String(contentsOf: folder.appendingPathComponent("accounts.csv"), encoding: .utf8))
    #expect(
      accounts.header == [
        "account", "clientType", "outcome", "exitCode", "devices", "fotaCapable", "readyToUpgrade",
        "dataProblems", "asOf", "reportFolder",
      ])
    #expect(accounts.rows.map { $0[0] } == names)
    #expect(accounts.rows.map { $0[2] } == ["published", "published", "failed"])
    #expect(accounts.rows.map { $0[3] } == ["0", "0", "1"])
    #expect(accounts.rows.map { $0[8] } == Array(repeating: "2026-11-01T00:00:00.000Z", count: 3))
    #expect(accounts.rows[2][4...7].allSatisfy { $0.isEmpty }, "a failed night has no figures")
    #expect(accounts.rows.map { $0[9] } == outs.map(\.path))

    // by-model-firmware.csv: each published account's rows, summed.
    func table(_ url: URL) throws -> [String: [Int]] {
      var sums: [String: [Int]] = [:]
      let file = try CSVFile.read(
        String(contentsOf: url.appendingPathComponent("by-model-firmware.csv"), encoding: .utf8))
      for row in file.rows {
        let key = row[0..<3].joined(separator: "\u{0}")
        let counts = row[3...].map { Int($0) ?? -1 }
        sums[key] = zip(sums[key] ?? Array(repeating: 0, count: counts.count), counts).map { $0 + $1 }
      }
      return sums
    }
    var expected = try table(outs[0])
    for (key, counts) in try table(outs[1]) {
      expected[key] = zip(expected[key] ?? Array(repeating: 0, count: counts.count), counts).map { $0 + $1 }
    }
    let summed = try table(folder)
    #expect(summed == expected)
    let publishedDevices: Int = accounts.rows[0..<2].compactMap { Int($0[4]) }.reduce(0, +)
    let rolledUpDevices: Int = summed.values.map { $0[0] }.reduce(0, +)
    #expect(publishedDevices == rolledUpDevices)

    // report.html links every account's report relatively, and names the failed one.
    let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
    for out in outs {
      let link = "../\(out.lastPathComponent)/report.html"
      #expect(html.contains("href=\"\(link)\""), "\(link)")
      #expect(
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(link).standardizedFileURL.path))
    }
    #expect(html.contains("Accounts that failed tonight"))
    #expect(html.contains("its last report is as of 2026-11-01"))
    let record = try JSONSerialization.jsonObject(
      with: Data(contentsOf: folder.appendingPathComponent("run.json")))
    #expect((record as? [String: Any])?["kind"] as? String == "rollup")
  }

  @Test(
    "the roll-up's summary goes to rollup-email-to over SMTP; a failed delivery keeps the roll-up, exit 3")
  func rollupMail() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let configuration = Self.simulator(accounts: 2, sharing: true)
    let config = directory.path("fleet.toml")
    let rollup = directory.path("all")
    let runner = BinaryRunner(
      environment: BinaryRunner.environment(adding: SimulatorLauncher.loginEnvironment()))
    try await EmailTests.withSMTPServer { port, inbox in
      try await SimulatorLauncher.withSimulator(configuration) { _, url in
        // email-from and smtp-url at the top level reach only the account with recipients.
        var text = """
          rollup = "\(rollup.path)"
          rollup-email-to = ["fleet@example.com"]
          email-from = "fota-report@example.com"
          smtp-url = "smtp://127.0.0.1:\(port)"

          """
        text += Self.header(url, directory)
        text += Self.account(Self.fleet.account, out: directory.path("one"))
        text +=
          "[[account]]\nname = \"\(configuration.otherAccounts[0].fleet.account)\"\n"
          + "out = \"\(directory.path("two").path)\"\nemail-to = [\"east@example.com\"]\n"
        try text.write(to: config, atomically: true, encoding: .utf8)
        let sent = try await runner.run(["run", "--config", config.path])
        #expect(sent.exitCode == 0, "\(sent.standardError)")
        let summary = try Data(contentsOf: rollup.appendingPathComponent("summary.eml"))
        // The account's summary, then the roll-up's.
        #expect(try Data(contentsOf: inbox.appendingPathComponent("2.eml")) == summary)
        let envelope =
          try JSONSerialization.jsonObject(with: Data(contentsOf: inbox.appendingPathComponent("2.json")))
          as? [String: Any]
        #expect(envelope?["to"] as? [String] == ["fleet@example.com"])
        #expect(envelope?["from"] as? String == "fota-report@example.com")
        let message = String(decoding: summary, as: UTF8.self)
        #expect(message.contains("Subject: FOTA readiness, 2 accounts: "))
        #expect(message.contains("filename=\"accounts.csv\""))
        #expect(!FileManager.default.fileExists(atPath: directory.path("one/summary.eml").path))

        // Nobody listens on port 1: both nights and the roll-up are published, exit 3.
        let failed = try await runner.run([
          "run", "--config", config.path, "--smtp-url", "smtp://127.0.0.1:1",
        ])
        #expect(failed.exitCode == 3, "\(failed.standardError)")
        #expect(failed.errorLines.contains { $0.contains("the roll-up's summary was not sent") })
        #expect(FileManager.default.fileExists(atPath: rollup.appendingPathComponent("report.html").path))
      }
    }
  }

  @Test("SIGTERM stops every night of the run cleanly: exit 143, nothing published, one line each")
  func signal() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    // Each request waits 400 ms: a night is still collecting its second page long after the
    // signal has reached it.
    let configuration = Self.simulator(accounts: 3, sharing: true, latency: .milliseconds(400))
    let config = directory.path("fleet.toml")
    var runner = BinaryRunner(
      environment: BinaryRunner.environment(adding: SimulatorLauncher.loginEnvironment()))
    // The first night to collect a page sends the process SIGTERM.
    runner.environment["FOTA_SIGNAL_AT"] = "collecting"
    runner.environment["FOTA_SIGNAL"] = "TERM"
    let outs = (1...3).map { directory.path("account-\($0)") }
    let signalling = runner
    let result = try await SimulatorLauncher.withSimulator(configuration) { _, url in
      var text =
        "rollup = \"\(directory.path("all").path)\"\naccounts-at-once = 2\n" + Self.header(url, directory)
      text += Self.account(Self.fleet.account, out: outs[0])
      for (index, other) in configuration.otherAccounts.enumerated() {
        text += Self.account(other.fleet.account, out: outs[index + 1])
      }
      try text.write(to: config, atomically: true, encoding: .utf8)
      return try await signalling.run(["run", "--config", config.path])
    }
    #expect(result.exitCode == 143, "\(result.standardError)")
    let closing = result.errorLines.filter { !$0.hasPrefix("fota-report: error:") }
    #expect(closing.count == 3, "\(result.errorLines)")
    #expect(
      closing.allSatisfy {
        $0.contains(": stopped (exit 143); the previous report stays")
          || $0.contains(": not started: the run was stopped (exit 143)")
      }, "\(closing)")
    #expect(closing.last?.contains("not started") == true, "the third waits for a place and never starts")
    for out in outs + [directory.path("all")] {
      #expect(!FileManager.default.fileExists(atPath: out.path), "\(out.path)")
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter {
      $0.hasPrefix(".") && !$0.hasSuffix(".lock")
    }
    #expect(left.isEmpty, "\(left)")
  }

  /// Runs a config file of every account `configuration` serves, after `settings`, against it.
  static func runAll(
    _ configuration: SimulatorConfiguration, settings: String, in directory: TemporaryDirectory
  )
    async throws -> (BinaryRunner.Result, SimulatorStatistics)
  {
    let config = directory.path("fleet.toml")
    let runner = BinaryRunner(
      environment: BinaryRunner.environment(adding: SimulatorLauncher.loginEnvironment()))
    return try await SimulatorLauncher.withSimulator(configuration) { simulator, url in
      var text = Self.header(url, directory) + settings
      text += Self.account(Self.fleet.account, out: directory.path("one"))
      for (index, other) in configuration.otherAccounts.enumerated() {
        text += Self.account(other.fleet.account, out: directory.path("other-\(index)"))
      }
      try text.write(to: config, atomically: true, encoding: .utf8)
      return (try await runner.run(["run", "--config", config.path]), await simulator.statistics())
    }
  }

  @Test("a history that cannot be used and a report folder another run holds cost only their own accounts")
  func historyAndLock() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let broken = directory.path("broken.sqlite")
    try Data(String(repeating: "not an SQLite database. ", count: 8).utf8).write(to: broken)
    let outs = (1...3).map { directory.path("account-\($0)") }
    let config = directory.path("fleet.toml")
    try """
    demo = true
    demo-devices = 1500
    formats = ["csv"]
    templates = "\(RepositoryPaths.templates.path)"
    rollup = "\(directory.path("all").path)"
    accounts-at-once = 3

    [[account]]
    name = "0242078698-00001"
    out = "\(outs[0].path)"
    no-history = true

    [[account]]
    name = "0242078698-00001"
    client-type = "LWM2M"
    out = "\(outs[1].path)"
    history = "\(broken.path)"

    [[account]]
    name = "0242078698-00001"
    client-type = "OMADM"
    out = "\(outs[2].path)"
    no-history = true
    """.write(to: config, atomically: true, encoding: .utf8)
    let held = try RunLock.acquire(outs[2], purpose: "another run of this account")
    let result = try await BinaryRunner().run(["run", "--config", config.path])
    withExtendedLifetime(held) {}
    // 1 (a night not run) over 4 (a history not used).
    #expect(result.exitCode == 1, "\(result.standardError)")
    let accounts = try CSVFile.read(
      String(contentsOf: directory.path("all/accounts.csv"), encoding: .utf8))
    #expect(accounts.rows.map { $0[2] } == ["published", "published-without-history", "busy"])
    #expect(accounts.rows.map { $0[3] } == ["0", "4", "75"])
    #expect(FileManager.default.fileExists(atPath: outs[0].appendingPathComponent("devices.csv").path))
    #expect(FileManager.default.fileExists(atPath: outs[1].appendingPathComponent("devices.csv").path))
    #expect(!FileManager.default.fileExists(atPath: outs[2].path))
    let closing = result.errorLines.filter { !$0.hasPrefix("fota-report: error:") }
    #expect(closing.count == 3, "\(result.errorLines)")
    #expect(closing[1].contains("(LWM2M): published, history not written (exit 4)"))
    #expect(closing[2].contains("(OMADM): not run: another run holds it (exit 75)"))
    #expect(result.errorLines.contains { $0.contains("another run of this account") })
  }

  @Test("accounts reached with the same credentials log in once")
  func sharedLogin() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let (result, statistics) = try await Self.runAll(
      Self.simulator(sharing: true), settings: "accounts-at-once = 3\n", in: directory)
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(statistics.tokenRequests == 1)
    #expect(statistics.sessionLogins == 1)
    #expect(result.errorLines.count == 3)
  }

  @Test("never more accounts collected at once than accounts-at-once", arguments: [1, 2])
  func accountsAtOnce(limit: Int) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let (result, statistics) = try await Self.runAll(
      Self.simulator(accounts: 4, sharing: true, latency: .milliseconds(40)),
      settings: "accounts-at-once = \(limit)\nparallel = 1\nno-plan = true\n", in: directory)
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(statistics.mostDeviceListRequestsAtOnce <= limit)
    #expect(statistics.pagesServed == 4 * 2, "every account's two pages")
  }
}

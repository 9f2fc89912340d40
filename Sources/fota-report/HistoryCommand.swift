import ArgumentParser
import FOTAHistory
import FOTARender
import Foundation

/// `fota-report history`: look into, and trim, the record of earlier runs.
struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "List, show or prune the runs kept in the history database.",
    subcommands: [List.self, Show.self, Prune.self, Copy.self]
  )

  /// Where the history is.
  struct Location: ParsableArguments {
    @Option(
      help: ArgumentHelp(
        "The history of earlier runs: an SQLite file, or a PostgreSQL URL as `run --history` takes it.",
        valueName: "PATH|URL"))
    var history = "Reports/history.sqlite"

    @Option(
      name: .customLong("history-schema"),
      help: ArgumentHelp("The schema of a PostgreSQL history.", valueName: "NAME"))
    var historySchema = "fota"

    init() {}

    init(history: String, historySchema: String) {
      self.history = history
      self.historySchema = historySchema
    }

    func validate() throws {
      _ = try HistoryLocation.parse(history, schema: historySchema)
    }

    func open() throws -> HistoryStore {
      let location = try HistoryLocation.parse(history, schema: historySchema)
      if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
        FailureReport.print(HistoryError.failed(path: path, reason: "no such file"))
        throw ExitCode.failure
      }
      do {
        return try HistoryStore.open(location)
      } catch {
        FailureReport.print(error)
        throw ExitCode.failure
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "One line per run: id, night, account, filter, devices, FOTA-capable, added, removed, changed.")

    @OptionGroup var location: Location

    func run() throws {
      let store = try location.open()
      do {
        let rows = try store.runs().map { run in
          [
            String(run.id), run.night, run.account,
            run.clientTypeFilter.isEmpty ? "all" : run.clientTypeFilter,
            String(run.devices), String(run.ready), String(run.added), String(run.removed),
            String(run.changedDevices),
          ]
        }
        print(
          TextTable.render(
            header: [
              "RUN", "NIGHT", "ACCOUNT", "CLIENT TYPE", "DEVICES", "READY", "ADDED", "REMOVED", "CHANGED",
            ],
            rows: rows))
      } catch {
        FailureReport.print(error)
        throw ExitCode.failure
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The figures of one run.")

    @OptionGroup var location: Location

    @Argument(help: ArgumentHelp("The run's id, as `history list` shows it.", valueName: "run"))
    var runId: Int64

    func run() throws {
      let store = try location.open()
      do {
        guard let details = try store.details(run: runId) else {
          FailureReport.print(HistoryError.noSuchRun(path: store.path, id: runId))
          throw ExitCode.failure
        }
        let run = details.run
        print(
          "run \(run.id): \(run.account), night \(run.night), client type \(run.clientTypeFilter.isEmpty ? "all" : run.clientTypeFilter)"
        )
        print(
          "devices \(run.devices), FOTA-capable \(run.ready), added \(run.added), removed \(run.removed), changed \(run.changedDevices)"
        )
        print(
          TextTable.render(
            header: ["DIMENSION", "VALUE", "DEVICES"],
            rows: details.groups.map {
              [$0.dimension, $0.value.isEmpty ? "(not reported)" : $0.value, String($0.devices)]
            }))
        if !details.changes.isEmpty {
          print(
            TextTable.render(
              header: ["CHANGE", "ROWS"],
              rows: details.changes.sorted { $0.key < $1.key }.map { [$0.key, String($0.value)] }))
        }
      } catch let error as ExitCode {
        throw error
      } catch {
        FailureReport.print(error)
        throw ExitCode.failure
      }
    }
  }

  struct Prune: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Drop the per-run aggregates and change rows of older nights; keep current state.")

    @OptionGroup var location: Location

    @Option(name: .customLong("keep-nights"), help: "Nights to keep in full, per account and filter.")
    var keepNights: Int

    func validate() throws {
      guard keepNights >= 1 else { throw ValidationError("--keep-nights must be at least 1") }
    }

    func run() throws {
      let store = try location.open()
      do {
        print("dropped \(try store.prune(keepNights: keepNights)) rows")
      } catch {
        FailureReport.print(error)
        throw ExitCode.failure
      }
    }
  }

  struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Copy a whole history into an empty one, SQLite to PostgreSQL or back, and check the row counts.",
      discussion: """
        Every run (its id kept), device, change, aggregate, device index and upgrade total is \
        copied in one transaction on the target, which must hold no run. The counts of every \
        table are then compared; the source is only read. A PostgreSQL password comes from \
        PGPASSWORD or a .pgpass file, as for `run --history`.
        """)

    @Option(
      help: ArgumentHelp("The history to copy: an SQLite file or a PostgreSQL URL.", valueName: "PATH|URL"))
    var from: String

    @Option(help: ArgumentHelp("The empty history to copy into (created if missing).", valueName: "PATH|URL"))
    var to: String

    @Option(
      name: .customLong("from-schema"),
      help: ArgumentHelp("The schema of a PostgreSQL --from.", valueName: "NAME"))
    var fromSchema = "fota"

    @Option(
      name: .customLong("to-schema"),
      help: ArgumentHelp("The schema of a PostgreSQL --to.", valueName: "NAME"))
    var toSchema = "fota"

    func validate() throws {
      let source = try HistoryLocation.parse(from, schema: fromSchema)
      let target = try HistoryLocation.parse(to, schema: toSchema)
      guard source != target else { throw ValidationError("--from and --to name the same history") }
    }

    func run() throws {
      let source = try Location(history: from, historySchema: fromSchema).open()
      defer { source.close() }
      do {
        let target = try HistoryStore.open(try HistoryLocation.parse(to, schema: toSchema))
        defer { target.close() }
        let counts = try HistoryCopy.copy(from: source, to: target)
        for (table, rows) in counts { print("\(table): \(rows) rows") }
        print("copied \(source.path) to \(target.path); every table's row count matches")
      } catch {
        FailureReport.print(error)
        throw ExitCode.failure
      }
    }
  }
}

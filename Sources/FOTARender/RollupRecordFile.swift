import FOTAModel
import Foundation

/// The roll-up's `run.json`: the run of many accounts for cron wrappers and dashboards.
public enum RollupRecordFile {
  /// The document, as written.
  public struct Record: Codable, Equatable {
    public var tool = "fota-report"
    public var kind = "rollup"
    public var formatVersion = 1
    public var started: String
    public var accounts: [Account]
    public var devices: Int
    public var fotaCapable: Int
    public var readyToUpgrade: Int?
    public var dataProblems: Int
    public var files: [String]

    /// One account's row.
    public struct Account: Codable, Equatable {
      public var account: String
      public var clientType: String
      public var outcome: String
      public var exitCode: Int32
      public var devices: Int?
      public var fotaCapable: Int?
      public var readyToUpgrade: Int?
      public var dataProblems: Int?
      public var asOf: String?
      public var reportFolder: String
      public var reason: String?
    }
  }

  /// Writes `run.json` into `folder`, naming the files written before it.
  public static func write(_ rollup: FleetRollup, into folder: ReportFolder) throws {
    let totals = rollup.totals
    let record = Record(
      started: CivilCalendar.iso8601(milliseconds: rollup.started),
      accounts: rollup.accounts.map { account in
        Record.Account(
          account: account.account, clientType: account.clientType ?? "all", outcome: account.outcome,
          exitCode: account.exitCode, devices: account.figures?.devices,
          fotaCapable: account.figures?.fotaCapable,
          readyToUpgrade: account.figures?.readyToUpgrade, dataProblems: account.figures?.dataProblems,
          asOf: account.asOf.map { CivilCalendar.iso8601(milliseconds: $0) },
          reportFolder: account.reportFolder,
          reason: account.reason)
      }, devices: totals.devices, fotaCapable: totals.fotaCapable, readyToUpgrade: totals.readyToUpgrade,
      dataProblems: totals.dataProblems, files: folder.files + ["run.json"])
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data: Data
    do {
      data = try encoder.encode(record)
    } catch {
      throw RenderError.cannotWrite(file: folder.path(of: "run.json"), reason: ErrorText.cause(error))
    }
    try folder.write("run.json", contents: String(decoding: data, as: UTF8.self) + "\n")
  }
}

import FOTAModel

/// The roll-up's CSV files: `accounts.csv`, one row per account, and `by-model-firmware.csv`,
/// an account's file summed over the accounts published tonight.
public enum RollupCSVFiles {
  /// Column names of `accounts.csv`.
  public static let accountColumns = [
    "account", "clientType", "outcome", "exitCode", "devices", "fotaCapable", "readyToUpgrade",
    "dataProblems",
    "asOf", "reportFolder",
  ]

  /// Writes both files into `folder`.
  public static func write(_ rollup: FleetRollup, into folder: ReportFolder) throws {
    try folder.write("accounts.csv", contents: accountsTable(rollup))
    try folder.write("by-model-firmware.csv", contents: SummaryCSVFiles.modelFirmwareTable(rollup.summary))
  }

  /// `accounts.csv`, as text.
  public static func accountsTable(_ rollup: FleetRollup) -> String {
    var bytes: [UInt8] = []
    CSVRow.append(accountColumns, to: &bytes)
    for account in rollup.accounts {
      let figures = account.figures
      CSVRow.append(
        [
          account.account, account.clientType ?? "all", account.outcome, String(account.exitCode),
          figures.map { String($0.devices) } ?? "", figures.map { String($0.fotaCapable) } ?? "",
          figures?.readyToUpgrade.map(String.init) ?? "", figures.map { String($0.dataProblems) } ?? "",
          account.asOf.map { CivilCalendar.iso8601(milliseconds: $0) } ?? "", account.reportFolder,
        ], to: &bytes)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

import FOTAModel

/// The fleet roll-up of a run of many accounts: one row per account in the config file's order,
/// and the fleet summed over the accounts published tonight.
public struct FleetRollup: Sendable {
  /// One account's night, as the roll-up shows it.
  public struct Account: Sendable, Equatable {
    public var account: String
    /// The client type filter, `nil` for all.
    public var clientType: String?
    /// `published`, `published-without-history`, `published-without-email`, `failed`, `busy`
    /// or `stopped`.
    public var outcome: String
    public var exitCode: Int32
    /// Tonight's figures, when tonight published.
    public var figures: Figures?
    /// The instant its report (tonight's, or the last one published) was as of.
    public var asOf: Int64?
    /// Its report folder.
    public var reportFolder: String
    /// Where readers open its report from the roll-up: its `report-url`, else a path relative
    /// to the roll-up's folder.
    public var reportLink: String
    /// Why tonight failed, in one line, when it did.
    public var reason: String?

    /// Creates a row.
    public init(
      account: String, clientType: String?, outcome: String, exitCode: Int32, figures: Figures?, asOf: Int64?,
      reportFolder: String, reportLink: String, reason: String?
    ) {
      self.account = account
      self.clientType = clientType
      self.outcome = outcome
      self.exitCode = exitCode
      self.figures = figures
      self.asOf = asOf
      self.reportFolder = reportFolder
      self.reportLink = reportLink
      self.reason = reason
    }

    /// Whether tonight's report was published.
    public var published: Bool { figures != nil }
  }

  /// What a published night counted.
  public struct Figures: Sendable, Equatable {
    public var devices: Int
    public var fotaCapable: Int
    /// Devices planned for an upgrade, when planning ran.
    public var readyToUpgrade: Int?
    public var dataProblems: Int

    /// Creates figures.
    public init(devices: Int, fotaCapable: Int, readyToUpgrade: Int?, dataProblems: Int) {
      self.devices = devices
      self.fotaCapable = fotaCapable
      self.readyToUpgrade = readyToUpgrade
      self.dataProblems = dataProblems
    }
  }

  /// Every account, in the config file's order.
  public var accounts: [Account]
  /// The fleet: the published accounts' summaries merged.
  public var summary: FleetSummary
  /// When the run started (milliseconds since 1970).
  public var started: Int64

  /// Creates a roll-up of `accounts`, whose published summaries are `summaries`.
  public init(accounts: [Account], summaries: [FleetSummary], started: Int64) {
    self.accounts = accounts
    var summary = FleetSummary(asOf: summaries.first?.asOf ?? 0)
    for night in summaries { summary.merge(night) }
    self.summary = summary
    self.started = started
  }

  /// The published accounts' figures summed.
  public var totals: Figures {
    var totals = Figures(devices: 0, fotaCapable: 0, readyToUpgrade: nil, dataProblems: 0)
    for figures in accounts.compactMap(\.figures) {
      totals.devices += figures.devices
      totals.fotaCapable += figures.fotaCapable
      totals.dataProblems += figures.dataProblems
      if let ready = figures.readyToUpgrade { totals.readyToUpgrade = (totals.readyToUpgrade ?? 0) + ready }
    }
    return totals
  }
}

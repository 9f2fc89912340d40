import FOTACollect
import FOTAHistory
import FOTAMail
import FOTAModel
import FOTAPlan
import FOTARender
import Foundation
import ThingSpaceAPI

/// Everything one run of the nightly job needs to know.
public struct RunConfiguration: Sendable {
  /// Where the pages come from.
  public typealias Source = NightSource

  public var source: Source
  /// The account the pages must belong to; taken from the pages when `nil`.
  public var account: String?
  /// The report folder, replaced atomically.
  public var output: URL
  /// The instant ages are measured against (milliseconds since 1970).
  public var asOf: Int64
  /// Only devices of this client type, as the API's `clientType` parameter filters.
  public var clientType: ClientType?
  /// Which report formats to write; `run.json` is always written.
  public var formats: Set<ReportFormat>
  /// The Mustache templates and XSD.
  public var templates: URL
  /// Where to keep each page as received, if anywhere.
  public var savePages: URL?
  /// Whether `report.xml` lists every device.
  public var xmlDevices: Bool
  /// Whether `report.xlsx` has the per-device sheets (Devices, Plan).
  public var xlsxDevices = false
  /// Retries, backoff and timeouts of HTTP requests.
  public var retryPolicy = RetryPolicy()
  /// Ranges of the live device list walked at once (`--parallel`), split at last night's IMEIs;
  /// 1 walks it in one go.
  public var parallel = RunConfiguration.defaultParallel
  /// `--parallel` unless given.
  public static let defaultParallel = 4
  /// The most ranges `--parallel` takes.
  public static let maximumParallel = 32
  /// Upgrade planning (firmware paths, funnel, campaign files), or `nil` for none.
  public var plan: PlanOptions?
  /// The e-mailed summary (`summary.eml`), or `nil` for none.
  public var email: EmailOptions?
  /// The history: an SQLite file or a shared PostgreSQL database; `nil` to keep none.
  public var historyLocation: HistoryLocation?
  /// The SQLite history file, when the history is one (setting it keeps the history there).
  public var history: URL? {
    get {
      guard case .sqlite(let path) = historyLocation else { return nil }
      return URL(fileURLWithPath: path)
    }
    set { historyLocation = newValue.map { .sqlite(path: $0.path) } }
  }
  /// How this run names itself to other runs sharing a PostgreSQL history (`pg_stat_activity`).
  /// Worked out only when asked: the host's name may take a name lookup.
  public var runName: String {
    get { chosenRunName ?? "fota-report on \(ProcessInfo.processInfo.hostName), pid \(getpid())" }
    set { chosenRunName = newValue }
  }
  private var chosenRunName: String?
  /// Nights the trends look back over, tonight included.
  public var trendNights = 30
  /// The share of a model on its newest firmware that projections aim for, in percent.
  public var targetSharePercent = 95.0
  /// Publish a night whose fleet fell by more than half since the last recorded night.
  public var allowDrop = false
  /// How long the history waits for a lock held by another process (SQLite's busy timeout,
  /// PostgreSQL's `lock_timeout`), and so bounds each of its statements.
  public var historyBusyTimeout = HistoryStore.defaultBusyTimeout
  /// Every secret the run holds; the client adds the tokens it obtains.
  public var redactor = SecretRedactor()
  /// Logins shared with the other nights of a run of many accounts, if any.
  public var sharedLogins: SharedLogins?
  /// How `summary.eml` is sent once the report is published, if at all.
  public var delivery: (any MailDelivery)?

  /// Creates a configuration; by default every format, summary-only XML, no saved pages.
  public init(
    source: Source, account: String? = nil, output: URL, asOf: Int64,
    clientType: ClientType? = nil, formats: Set<ReportFormat> = Set(ReportFormat.allCases),
    templates: URL, savePages: URL? = nil, xmlDevices: Bool = false
  ) {
    self.source = source
    self.account = account
    self.output = output
    self.asOf = asOf
    self.clientType = clientType
    self.formats = formats
    self.templates = templates
    self.savePages = savePages
    self.xmlDevices = xmlDevices
  }
}

/// The status ThingSpace reports for an upgrade, or for one device of it, read the one way:
/// letter case, spaces and underscores ignored (`Request Pending`, `REQUEST_PENDING` and
/// `RequestPending` are one status); anything else is kept as its text and counted as unknown.
public enum UpgradeStatus: Sendable, Hashable, Comparable {
  case requestPending
  case queued
  case inProgress
  case finished
  case requestFailed
  case upgradeFailed
  case upgradeSuccess
  /// A status this version does not know, as reported.
  case unknown(String)

  /// The known statuses, each with its name as ThingSpace spells it, in the order of an upgrade's
  /// life.
  static let known: [(UpgradeStatus, String)] = [
    (.requestPending, "RequestPending"), (.queued, "Queued"), (.inProgress, "InProgress"),
    (.finished, "Finished"), (.requestFailed, "RequestFailed"), (.upgradeFailed, "UpgradeFailed"),
    (.upgradeSuccess, "UpgradeSuccess"),
  ]

  /// Reads a reported status.
  public init(reported text: String) {
    let key = Self.key(text)
    self = Self.known.first { Self.key($0.1) == key }?.0 ?? .unknown(text)
  }

  /// The status's name as ThingSpace spells it (an unknown one as reported).
  public var name: String {
    if case .unknown(let text) = self { return text }
    return Self.known.first { $0.0 == self }?.1 ?? ""
  }

  /// Whether an upgrade in this status may still act on its devices: pending, queued or in
  /// progress.
  public var isOpen: Bool {
    switch self {
    case .requestPending, .queued, .inProgress: true
    default: false
    }
  }

  /// Whether this version does not know the status.
  public var isUnknown: Bool {
    if case .unknown = self { return true }
    return false
  }

  /// Where the status stands in an upgrade's life: an upgrade seen in two statuses during one
  /// night (it moved while being read) is taken in the later one. Unknown statuses rank last.
  var stage: Int {
    switch self {
    case .requestPending: 0
    case .queued: 1
    case .inProgress: 2
    case .finished, .requestFailed, .upgradeFailed, .upgradeSuccess: 3
    case .unknown: 4
    }
  }

  /// How a device entry of an upgrade counts in `campaign-outcomes.csv`.
  public var deviceOutcome: DeviceOutcome {
    switch self {
    case .upgradeSuccess: .succeeded
    case .upgradeFailed: .failed
    case .inProgress: .inProgress
    case .requestPending, .queued: .pending
    default: .other
    }
  }

  /// The columns a device entry counts in.
  public enum DeviceOutcome: String, Sendable, CaseIterable {
    case succeeded, failed, inProgress, pending, other
  }

  /// The text compared: lowercased, without spaces, tabs or underscores.
  static func key(_ text: String) -> String {
    String(text.lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "\t" })
  }

  public static func < (lhs: UpgradeStatus, rhs: UpgradeStatus) -> Bool {
    (lhs.stage, lhs.name) < (rhs.stage, rhs.name)
  }
}

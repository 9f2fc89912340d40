/// What a device's `upgradeTime` says about its last firmware upgrade.
public enum UpgradeState: String, Sendable, Codable, DeclarationOrdered {
  /// A real instant.
  case upgraded
  /// The documented never-upgraded sentinel (1 January 1900) or Go's zero time.
  case never
  /// Missing, `null`, empty or blank.
  case unknown
  /// Present but not a timestamp in any shape we know, or an impossible date.
  case invalid
}

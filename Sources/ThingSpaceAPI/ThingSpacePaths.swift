/// The paths of the ThingSpace endpoints the job uses.
public enum ThingSpacePaths {
  /// OAuth2 client-credentials token.
  public static let token = "/api/ts/v1/oauth2/token"
  /// Connectivity Management session login, which issues the `VZ-M2M-Token`.
  public static let sessionLogin = "/api/m2m/v1/session/login"

  /// The device list of an account from `startIndex`.
  public static func devices(account: String, startIndex: String) -> String {
    "/api/fota/v1/devices/\(escape(account))/index/\(escape(startIndex))"
  }

  /// The upgrade paths available to an account.
  public static func firmware(account: String) -> String {
    "/api/fota/v1/firmware/\(escape(account))"
  }

  /// The account's license pool from `startIndex`.
  public static func licenses(account: String, startIndex: String = "0") -> String {
    "/api/fota/v1/licenses/\(escape(account))/index/\(escape(startIndex))"
  }

  /// The account's upgrades in `status` (one of ``upgradeStatuses``) from `startIndex` (0, then
  /// the answer's `lastSeenUpgradeId`).
  public static func upgradeReports(account: String, status: String, startIndex: String = "0") -> String {
    "/api/fota/v1/reports/\(escape(account))/status/\(escape(status))/index/\(escape(startIndex))"
  }

  /// The `upgradeStatus` values the upgrade reports are asked for, in the order of an upgrade's
  /// life: pending, queued, in progress, then how it ended.
  public static let upgradeStatuses = [
    "RequestPending", "Queued", "InProgress", "Finished", "RequestFailed", "UpgradeFailed",
  ]

  /// Percent-escapes a path segment (RFC 3986 unreserved characters stay as they are).
  public static func escape(_ segment: String) -> String {
    var out = ""
    for byte in segment.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return out
  }
}

import FOTAFleet
import Foundation

/// Counts computed straight from the page bodies with JSONSerialization, sharing no code with
/// the pipeline.
public struct IndependentCounts {
  public var devices = 0, skipped = 0, duplicates = 0
  public var ready = 0, needsLicense = 0, ineligible = 0, never = 0
  public var byModel: [String: Int] = [:]
  public var byFirmware: [String: Int] = [:]
  public var byStatus: [String: Int] = [:]

  public init(fleet: SyntheticFleet) throws {
    var seen = Set<String>()
    for page in fleet.pages() {
      let object = try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as! [String: Any]
      for entry in object["deviceList"] as! [Any] {
        guard let record = entry as? [String: Any] else {
          skipped += 1
          continue
        }
        let id = Self.text(record["deviceId"]).trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty else {
          skipped += 1
          continue
        }
        guard seen.insert(id).inserted else {
          duplicates += 1
          continue
        }
        devices += 1
        let eligible = Self.flag(record["fotaEligible"])
        let licensed = Self.flag(record["licenseAssigned"])
        if eligible && licensed {
          ready += 1
        } else if eligible {
          needsLicense += 1
        } else {
          ineligible += 1
        }
        let upgrade = (record["upgradeTime"] as? String ?? "").trimmingCharacters(in: .whitespaces)
        if ["01/01/1900", "1900-01-01", "0001-01-01"].contains(where: upgrade.hasPrefix) {
          never += 1
        }
        byModel["\(Self.text(record["make"]))|\(Self.text(record["model"]))", default: 0] += 1
        byFirmware[Self.text(record["firmware"]), default: 0] += 1
        byStatus[Self.text(record["status"]), default: 0] += 1
      }
    }
  }

  public static func text(_ value: Any?) -> String {
    if let string = value as? String { return string }
    if let number = value as? NSNumber { return number.stringValue }
    return ""
  }

  public static func flag(_ value: Any?) -> Bool {
    if let string = value as? String { return string.lowercased() == "true" }
    // The demo fleet sends booleans as JSON booleans or text, never as numbers.
    return value as? Bool ?? false
  }
}

import FOTAAggregate
import FOTAModel
import Foundation
import GRDB

/// A device as history keeps it: what the deltas compare, without personal data (no MDN).
enum DeviceRow {
  static let columns =
    "deviceId, make, model, firmware, clientType, status, fotaEligible, licenseAssigned, upgradeState, upgradeTime"

  static func device(_ row: Row) -> Device {
    let state = UpgradeState(rawValue: row["upgradeState"]) ?? .unknown
    return Device(
      deviceId: row["deviceId"], make: row["make"], model: row["model"], firmware: row["firmware"],
      clientType: row["clientType"], status: row["status"], fotaEligible: row["fotaEligible"],
      licenseAssigned: row["licenseAssigned"],
      upgrade: UpgradeTime(state: state, milliseconds: state == .upgraded ? row["upgradeTime"] : nil))
  }

  static func arguments(_ device: Device, account: String, filter: String) -> StatementArguments {
    [
      account, filter, DeviceID.sortKey(device.deviceId), device.deviceId, device.make, device.model,
      device.firmware, device.clientType, device.status, device.fotaEligible, device.licenseAssigned,
      device.upgrade.state.rawValue, device.upgrade.state == .upgraded ? device.upgrade.milliseconds : nil,
    ]
  }

  static let upsertSQL = """
    INSERT OR REPLACE INTO device (account, clientTypeFilter, sortKey, \(columns))
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    """

  /// Puts back the value a change row says a field had before the run.
  static func restore(_ kind: DeviceChange.Kind, before: String, in device: inout Device) {
    switch kind {
    case .firmware: device.firmware = before
    case .status: device.status = before
    case .clientType: device.clientType = before
    case .fotaEligible: device.fotaEligible = before == "true"
    case .licenseAssigned: device.licenseAssigned = before == "true"
    case .upgradeTime: device.upgrade = DeltaBuilder.upgrade(from: before)
    case .added, .removed: break
    }
  }

  /// A removed device's last state, kept in its change row so the night can be undone.
  struct Snapshot: Codable {
    var deviceId, make, model, firmware, clientType, status: String
    var fotaEligible, licenseAssigned: Bool
    var upgrade: String

    init(_ device: Device) {
      deviceId = device.deviceId
      make = device.make
      model = device.model
      firmware = device.firmware
      clientType = device.clientType
      status = device.status
      fotaEligible = device.fotaEligible
      licenseAssigned = device.licenseAssigned
      upgrade = DeltaBuilder.text(device.upgrade)
    }

    /// Reads a snapshot kept in a change row.
    static func decode(_ text: String?) throws -> Snapshot {
      try JSONDecoder().decode(Snapshot.self, from: Data((text ?? "{}").utf8))
    }

    var device: Device {
      Device(
        deviceId: deviceId, make: make, model: model, firmware: firmware, clientType: clientType,
        status: status, fotaEligible: fotaEligible, licenseAssigned: licenseAssigned,
        upgrade: DeltaBuilder.upgrade(from: upgrade))
    }
  }
}

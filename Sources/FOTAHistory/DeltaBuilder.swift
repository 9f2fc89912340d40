import FOTAModel

/// Compares two nights device by device, both given in IMEI order, and builds a ``FleetDelta``.
public struct DeltaBuilder: Sendable {
  public private(set) var delta: FleetDelta

  /// Starts a comparison against the run of `previousNight` (`nil`: no earlier run).
  public init(previousNight: String?) {
    delta = FleetDelta(previousNight: previousNight)
  }

  /// Records the difference for one device: in both nights, only the earlier, or only the later.
  public mutating func compare(previous: Device?, current: Device?) {
    switch (previous, current) {
    case (nil, let current?):
      delta.added += 1
      delta.changedDevices += 1
      append(current, .added, "", current.firmware)
    case (let previous?, nil):
      delta.removed += 1
      delta.changedDevices += 1
      append(previous, .removed, previous.firmware, "")
    case (let previous?, let current?):
      let before = delta.changes.count
      if previous.firmware != current.firmware {
        append(current, .firmware, previous.firmware, current.firmware)
        let model = ModelKey(make: current.make, model: current.model)
        delta.firmwareTransitions[
          FirmwareTransition(model: model, from: previous.firmware, to: current.firmware), default: 0] += 1
      }
      if previous.fotaEligible != current.fotaEligible {
        append(current, .fotaEligible, String(previous.fotaEligible), String(current.fotaEligible))
        if current.fotaEligible { delta.eligibilityGained += 1 } else { delta.eligibilityLost += 1 }
      }
      if previous.licenseAssigned != current.licenseAssigned {
        append(current, .licenseAssigned, String(previous.licenseAssigned), String(current.licenseAssigned))
        if current.licenseAssigned { delta.licenseGained += 1 } else { delta.licenseLost += 1 }
      }
      if previous.status != current.status {
        append(current, .status, previous.status, current.status)
      }
      if previous.clientType != current.clientType {
        append(current, .clientType, previous.clientType, current.clientType)
      }
      let (old, new) = (previous.upgrade, current.upgrade)
      if old.state != new.state || old.milliseconds != new.milliseconds {
        append(current, .upgradeTime, Self.text(old), Self.text(new))
        if new.state == .upgraded, (new.milliseconds ?? .min) > (old.milliseconds ?? .min) {
          delta.upgrades += 1
        }
      }
      if delta.changes.count > before { delta.changedDevices += 1 }
    case (nil, nil):
      break
    }
  }

  /// An upgrade time as history keeps it: the instant when upgraded, otherwise the state.
  public static func text(_ upgrade: UpgradeTime) -> String {
    upgrade.state == .upgraded ? upgrade.iso8601 : upgrade.state.rawValue
  }

  /// The inverse of ``text(_:)``.
  public static func upgrade(from text: String) -> UpgradeTime {
    if let state = UpgradeState(rawValue: text), state != .upgraded { return UpgradeTime(state: state) }
    guard let instant = CivilCalendar.milliseconds(iso8601: text) else { return UpgradeTime(state: .unknown) }
    return UpgradeTime(state: .upgraded, milliseconds: instant)
  }

  private mutating func append(_ device: Device, _ kind: DeviceChange.Kind, _ before: String, _ after: String)
  {
    delta.changes.append(
      DeviceChange(
        deviceId: device.deviceId, make: device.make, model: device.model, kind: kind, before: before,
        after: after))
  }
}

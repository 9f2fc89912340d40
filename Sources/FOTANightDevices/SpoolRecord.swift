import FOTAModel

/// The spool's binary form of one device: a flags byte (eligible, licensed, upgrade state, raw
/// time present), the upgrade instant (8 bytes), the plan (status byte, path index and campaign
/// index: 4 bytes each, into the night's ``PlanTables``), then eight length-prefixed strings.
enum SpoolRecord {
  /// The encoder as a formatter, for ``SpoolBatch``.
  struct Formatter: DeviceRowFormatter {
    func format(_ record: PlannedDevice, into bytes: inout [UInt8]) {
      SpoolRecord.encode(record.device, plan: record.plan, into: &bytes)
    }
  }

  static func encode(_ device: Device, plan: DevicePlan?, into buffer: inout [UInt8]) {
    var flags: UInt8 = device.fotaEligible ? 1 : 0
    if device.licenseAssigned { flags |= 2 }
    flags |= UInt8(device.upgrade.state.declarationIndex) << 2
    if device.upgrade.raw != nil { flags |= 16 }
    buffer.append(flags)
    withUnsafeBytes(of: (device.upgrade.milliseconds ?? 0).littleEndian) { buffer += $0 }
    buffer.append(plan.map { UInt8($0.status.declarationIndex + 1) } ?? 0)
    withUnsafeBytes(of: UInt32(plan?.pathIndex.map { $0 + 1 } ?? 0).littleEndian) { buffer += $0 }
    withUnsafeBytes(of: UInt32(plan?.campaignIndex.map { $0 + 1 } ?? 0).littleEndian) { buffer += $0 }
    func append(_ field: String) {
      var field = field
      field.withUTF8 { text in
        withUnsafeBytes(of: UInt32(text.count).littleEndian) { buffer += $0 }
        buffer.append(contentsOf: text)
      }
    }
    append(device.deviceId)
    append(device.mdn)
    append(device.make)
    append(device.model)
    append(device.firmware)
    append(device.clientType)
    append(device.status)
    append(device.upgrade.raw ?? "")
  }

  /// The record at `start`; `nil` when the bytes there do not hold a whole record.
  static func decode(_ raw: UnsafeRawBufferPointer, at start: Int, tables: PlanTables)
    -> (device: PlannedDevice, next: Int)?
  {
    var offset = start
    guard offset + 18 <= raw.count else { return nil }
    let flags = raw[offset]
    let millis = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 1, as: Int64.self))
    let planStatus = raw[offset + 9]
    let pathIndex = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 10, as: UInt32.self)))
    let campaignIndex = Int(
      UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 14, as: UInt32.self)))
    offset += 18
    func field() -> String? {
      guard offset + 4 <= raw.count else { return nil }
      let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
      offset += 4
      guard offset + length <= raw.count else { return nil }
      defer { offset += length }
      return String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + length]), as: UTF8.self)
    }
    // One field after another, in the encoder's order, without an array of them.
    guard let deviceId = field(), let mdn = field(), let make = field(), let model = field(),
      let firmware = field(), let clientType = field(), let status = field(), let rawTime = field()
    else { return nil }
    let state = UpgradeState.allCases[Int(flags >> 2) & 3]
    let upgrade = UpgradeTime(
      state: state, milliseconds: state == .upgraded ? millis : nil, raw: flags & 16 != 0 ? rawTime : nil)
    let device = Device(
      deviceId: deviceId, mdn: mdn, make: make, model: model, firmware: firmware, clientType: clientType,
      status: status, fotaEligible: flags & 1 != 0, licenseAssigned: flags & 2 != 0, upgrade: upgrade)
    let plan =
      planStatus == 0
      ? nil
      : DevicePlan(
        status: PlanStatus.allCases[Int(planStatus) - 1],
        path: pathIndex == 0 || pathIndex > tables.paths.count ? nil : tables.paths[pathIndex - 1],
        pathIndex: pathIndex == 0 ? nil : pathIndex - 1,
        lastUpgrade: campaignIndex == 0 || campaignIndex > tables.lastUpgrades.count
          ? nil : tables.lastUpgrades[campaignIndex - 1],
        campaignIndex: campaignIndex == 0 ? nil : campaignIndex - 1)
    return (PlannedDevice(device: device, plan: plan), offset)
  }
}

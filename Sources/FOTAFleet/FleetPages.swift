import ThingSpaceAPI

/// One page of the synthetic fleet, as the device-list endpoint serves it.
public struct FleetPage: Sendable {
  /// The response body, byte for byte.
  public var body: String
  /// Elements in `deviceList`.
  public var entryCount: Int
  /// True unless this is the last page.
  public var hasMoreData: Bool
  /// The `startIndex` of the next request (`"0"` on the last page).
  public var nextStartIndex: String
}

extension SyntheticFleet {
  /// The slot whose IMEI is `imei`, when it is one of the account's on `night` (and not one of
  /// `removed`).
  public func slot(of imei: String, night: Int = 0, removed: Set<String> = []) -> Int? {
    guard imei.utf8.count == 15, let value = Int64(imei), value >= Self.imeiBase, !removed.contains(imei)
    else { return nil }
    let slot = Int((value - Self.imeiBase) / 10)
    return isPresent(slot: slot, night: night) && self.imei(at: slot) == imei ? slot : nil
  }

  /// The page after `startIndex` (`"0"` or an IMEI of the account), keyset-style: records of
  /// the slots with larger IMEIs, filtered by client type, at most `pageSize`. `nil` when
  /// `startIndex` is neither. The devices whose IMEIs are in `removed` have left the account.
  public func page(
    startIndex: String, clientType: ClientType? = nil, pageSize: Int = SyntheticFleet.pageSize,
    cursorStyle: CursorStyle = .alternating, night: Int = 0, removed: Set<String> = []
  ) -> FleetPage? {
    var slot: Int
    if startIndex == "0" {
      slot = 0
    } else if let previous = self.slot(of: startIndex, night: night, removed: removed) {
      slot = previous + 1
    } else {
      return nil
    }
    var entries: [String] = []
    entries.reserveCapacity(pageSize)
    var lastSlot = -1
    var hasMore = false
    let slots = slotCount(night: night)
    while slot < slots {
      defer { slot += 1 }
      if night > 0 && isRemoved(slot: slot, night: night) { continue }
      let device = device(at: slot, night: night)
      if !removed.isEmpty, removed.contains(device.deviceId) { continue }
      if clientType.map({ filter in device.clientType.map(filter.matches) ?? false }) ?? true {
        if entries.count == pageSize {
          hasMore = true
          break
        }
        entries.append(device.json)
        lastSlot = slot
      }
    }
    let next = hasMore ? imei(at: lastSlot) : "0"
    let asNumber =
      switch cursorStyle {
      case .number: true
      case .string: false
      case .alternating: lastSlot % 2 != 0
      }
    var body: [UInt8] = []
    body.reserveCapacity(entries.reduce(256) { $0 + $1.utf8.count + 1 })
    body += "{\"accountName\":\(JSONText.string(account)),\"hasMoreData\":\(hasMore),".utf8
    body += "\"lastSeenDeviceId\":\(asNumber ? next : JSONText.string(next)),\"deviceList\":[".utf8
    for (offset, entry) in entries.enumerated() {
      if offset > 0 { body.append(UInt8(ascii: ",")) }
      body += entry.utf8
    }
    body += "]}".utf8
    return FleetPage(
      body: String(decoding: body, as: UTF8.self), entryCount: entries.count, hasMoreData: hasMore,
      nextStartIndex: next)
  }

  /// Every page in order, as a client paging from `startIndex` 0 would receive them.
  public func pages(
    clientType: ClientType? = nil, pageSize: Int = SyntheticFleet.pageSize,
    cursorStyle: CursorStyle = .alternating, night: Int = 0
  ) -> [FleetPage] {
    var pages: [FleetPage] = []
    var cursor = "0"
    while let page = page(
      startIndex: cursor, clientType: clientType, pageSize: pageSize, cursorStyle: cursorStyle,
      night: night)
    {
      pages.append(page)
      guard page.hasMoreData else { break }
      cursor = page.nextStartIndex
    }
    return pages
  }
}

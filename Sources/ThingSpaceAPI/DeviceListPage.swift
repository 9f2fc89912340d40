import Foundation

/// The body of `GET /api/fota/v1/devices/{account}/index/{startIndex}`.
public struct DeviceListPage: Sendable, Hashable {
  /// `accountName`, when present.
  public var accountName: String?
  /// `hasMoreData`; `nil` when absent or not a boolean.
  public var hasMoreData: Bool?
  /// `lastSeenDeviceId`: the next `startIndex` while `hasMoreData` is true.
  public var lastSeenDeviceId: PageCursor?
  /// `deviceList`, element by element.
  public var deviceList: [DeviceEntry]

  /// Creates a page.
  public init(
    accountName: String?, hasMoreData: Bool?, lastSeenDeviceId: PageCursor?,
    deviceList: [DeviceEntry]
  ) {
    self.accountName = accountName
    self.hasMoreData = hasMoreData
    self.lastSeenDeviceId = lastSeenDeviceId
    self.deviceList = deviceList
  }

  /// Decodes a body with ``DeviceListDecoder``: the one way a page body is read.
  public init(decoding body: Data) throws(DeviceListDecodingError) {
    var decoder = DeviceListDecoder()
    let result = body.withUnsafeBytes { raw in
      Result { () throws(DeviceListDecodingError) in try decoder.decode(raw) }
    }
    self = try result.get()
  }

  /// The `startIndex` of the page after this one, asked for with `startIndex`; `nil` when this is
  /// the last page to ask for: it says there is no more, or its cursor does not move forward, or
  /// it is empty while saying there is more (the collector's checks then refuse such a page, so a
  /// stalled cursor stops the run instead of looping).
  public func nextStartIndex(after startIndex: String) -> String? {
    guard hasMoreData == true, let next = lastSeenDeviceId, next.isAfter(startIndex), !deviceList.isEmpty
    else { return nil }
    return next.startIndex
  }
}

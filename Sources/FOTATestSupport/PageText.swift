/// Small device-list bodies written by hand, for the sequence and account checks.
public enum PageText {
  /// A page of `account` with `ids`, saying whether there is more and the cursor (JSON text).
  public static func page(_ account: String, more: Bool, cursor: String, ids: [String]) -> String {
    let devices = ids.map { #"{"deviceId":"\#($0)","fotaEligible":true,"licenseAssigned":true}"# }
    return
      #"{"accountName":"\#(account)","hasMoreData":\#(more),"lastSeenDeviceId":\#(cursor),"deviceList":[\#(devices.joined(separator: ","))]}"#
  }
}

/// The order history keeps devices in: the IMEI order of the pages, as sortable text.
enum HistoryKey {
  /// Digit-only ids sort by value (then by their text); other ids after them, by their bytes.
  static func sortKey(_ deviceId: String) -> String {
    let utf8 = deviceId.utf8
    guard !utf8.isEmpty, utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return "1" + deviceId }
    let value = deviceId.drop { $0 == "0" }
    return "0" + String(repeating: "0", count: max(0, 24 - value.utf8.count)) + value + "|" + deviceId
  }
}

/// IMEI order: the order ThingSpace pages devices in.
extension Device {
  /// True when `lhs` sorts before `rhs`: numeric ids by value, then any other ids by their bytes.
  public static func idPrecedes(_ lhs: String, _ rhs: String) -> Bool {
    let lhsNumeric = isDigits(lhs)
    let rhsNumeric = isDigits(rhs)
    if lhsNumeric != rhsNumeric { return lhsNumeric }
    if lhsNumeric {
      let lhsDigits = lhs.drop { $0 == "0" }
      let rhsDigits = rhs.drop { $0 == "0" }
      if lhsDigits.utf8.count != rhsDigits.utf8.count {
        return lhsDigits.utf8.count < rhsDigits.utf8.count
      }
      if !lhsDigits.utf8.elementsEqual(rhsDigits.utf8) {
        return lhsDigits.utf8.lexicographicallyPrecedes(rhsDigits.utf8)
      }
    }
    return lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
  }

  private static func isDigits(_ text: String) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
  }
}

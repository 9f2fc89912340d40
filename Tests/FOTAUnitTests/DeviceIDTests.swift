import FOTAFleet
import FOTAModel
import FOTATestSupport
import GRDB
import PropertyBased
import Testing
import ThingSpaceAPI

/// One IMEI order everywhere: the comparator, the history's sort keys and SQLite's `ORDER BY`,
/// and the cursor check all agree, for ids of any length.
@Suite("the IMEI order")
struct DeviceIDTests {
  /// Ids of every shape: digits of any length (with leading zeros), and other text (never with
  /// surrounding blanks: the normaliser trims them).
  static let ids = Gen.int(in: 0...Int.max).map { seed -> String in
    var random = SplitMix64(seed: UInt64(seed))
    switch random.below(6) {
    case 0: return String(repeating: "0", count: random.below(3)) + random.digits(1 + random.below(40))
    case 1: return random.digits(15)
    case 2: return random.digits(24 + random.below(8))
    case 3: return "35" + random.digits(13) + ["a", "-", "_", "é", "東"][random.below(5)]
    case 4: return ["ABC", "imei-", "é", "Z", "0x1F", "-1"][random.below(6)] + random.digits(random.below(4))
    default: return random.digits(1 + random.below(3))
    }
  }

  /// The order written out longhand: numeric ids by value, then the rest by bytes.
  static func reference(_ lhs: String, _ rhs: String) -> Bool {
    let numeric = { (text: String) in !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }
    switch (numeric(lhs), numeric(rhs)) {
    case (true, false): return true
    case (false, true): return false
    case (true, true):
      let (left, right) = (lhs.drop { $0 == "0" }, rhs.drop { $0 == "0" })
      if left.count != right.count { return left.count < right.count }
      if left != right { return Array(left.utf8).lexicographicallyPrecedes(Array(right.utf8)) }
      return Array(lhs.utf8).lexicographicallyPrecedes(Array(rhs.utf8))
    case (false, false): return Array(lhs.utf8).lexicographicallyPrecedes(Array(rhs.utf8))
    }
  }

  @Test("the comparator, the sort keys and the cursor check agree on every pair")
  func pairs() async {
    await propertyCheck(count: 3_000, input: Self.ids, Self.ids) { lhs, rhs in
      let precedes = DeviceID.precedes(lhs, rhs)
      #expect(precedes == Self.reference(lhs, rhs), "\(lhs) \(rhs)")
      #expect(
        precedes
          == Array(DeviceID.sortKey(lhs).utf8).lexicographicallyPrecedes(Array(DeviceID.sortKey(rhs).utf8)),
        "\(lhs) \(rhs)")
      #expect(PageCursor.string(rhs).isAfter(lhs) == precedes, "\(lhs) \(rhs)")
      #expect(DeviceID.compare(lhs, rhs) == (precedes ? -1 : lhs == rhs ? 0 : 1))
    }
  }

  @Test("SQLite's ORDER BY on the sort key is the same order")
  func sqlite() async throws {
    await propertyCheck(count: 50, input: Self.ids.array(of: 1...60)) { ids in
      let unique = Array(Set(ids))
      let queue = try DatabaseQueue()
      let sorted = try await queue.write { db in
        try db.execute(sql: "CREATE TABLE d (sortKey TEXT PRIMARY KEY, id TEXT)")
        for id in unique {
          try db.execute(sql: "INSERT INTO d VALUES (?, ?)", arguments: [DeviceID.sortKey(id), id])
        }
        return try String.fetchAll(db, sql: "SELECT id FROM d ORDER BY sortKey")
      }
      #expect(sorted == unique.sorted(by: DeviceID.precedes))
    }
  }

  @Test("ids longer than 24 digits keep their order")
  func longIds() {
    let short = "9" + String(repeating: "0", count: 24)
    let long = "1" + String(repeating: "0", count: 25)
    #expect(DeviceID.precedes(short, long))
    #expect(
      Array(DeviceID.sortKey(short).utf8).lexicographicallyPrecedes(Array(DeviceID.sortKey(long).utf8)))
  }
}

extension SplitMix64 {
  /// `count` random decimal digits.
  fileprivate mutating func digits(_ count: Int) -> String {
    String((0..<count).map { _ in Character(String(below(10))) })
  }
}

import FOTAModel
import Foundation

/// A night's devices in a form the next night can be compared with without reading them: each
/// device's id as a number and a 64-bit digest of what the history keeps of it, in IMEI order.
///
/// A device whose digest is unchanged has not changed, so only the devices added, removed or
/// with another digest are read from the `device` table: the history step of a later night costs
/// one pass over 16 bytes a device in memory, plus work in proportion to the changes. Nights whose
/// ids are not all plain numbers (1 to 18 digits, no leading zero) keep no index; the next night
/// is then compared row by row, as before.
struct DeviceIndex: Sendable, Equatable {
  /// Devices a chunk holds: the index is stored, and read back, one chunk at a time.
  static let chunkSize = 65_536

  /// A run of devices: ids as LEB128 varints, each the difference from the one before (from 0
  /// for a chunk's first), and 8-byte little-endian digests.
  struct Chunk: Sendable, Equatable {
    var count = 0
    var ids: [UInt8] = []
    var digests: [UInt8] = []
  }

  /// The chunks, in IMEI order.
  private(set) var chunks: [Chunk] = []
  /// The last id, for the next one's difference.
  private(set) var lastId: UInt64?
  /// The last device's digest.
  private(set) var lastDigest: UInt64 = 0

  /// An empty index.
  init() {}

  /// Adds the next device in IMEI order; false when its id cannot be indexed.
  mutating func append(_ device: Device) -> Bool {
    guard let id = DeviceID.number(device.deviceId) else { return false }
    return append(id: id, digest: Self.digest(device))
  }

  /// Adds the next device's id and ``digest(_:)``; false when the id does not follow the last.
  mutating func append(id: UInt64, digest newDigest: UInt64) -> Bool {
    guard lastId.map({ $0 < id }) ?? true else { return false }
    if chunks.last.map({ $0.count == Self.chunkSize }) ?? true {
      var chunk = Chunk()
      chunk.ids.reserveCapacity(Self.chunkSize * 2)
      chunk.digests.reserveCapacity(Self.chunkSize * 8)
      chunks.append(chunk)
    }
    let previous = chunks[chunks.count - 1].count == 0 ? 0 : lastId ?? 0
    var step = id - previous
    lastDigest = newDigest
    let digest = lastDigest.littleEndian
    chunks[chunks.count - 1].count += 1
    repeat {
      let low = UInt8(truncatingIfNeeded: step) & 0x7F
      step >>= 7
      let more: UInt8 = step == 0 ? 0 : 0x80
      chunks[chunks.count - 1].ids.append(low | more)
    } while step != 0
    withUnsafeBytes(of: digest) { chunks[chunks.count - 1].digests.append(contentsOf: $0) }
    lastId = id
    return true
  }

  /// How many devices run `runId`'s stored index holds; `nil` when it has none.
  static func deviceCount(_ sql: any HistorySQL, runId: Int64) throws -> Int? {
    let counts = try sql.rows("SELECT count FROM deviceIndex WHERE runId = ?", [runId]).map {
      try $0.int("count")
    }
    return counts.isEmpty ? nil : counts.reduce(0, +)
  }

  /// Reads a stored index front to back, one chunk in memory at a time.
  struct Reader {
    /// Fetches a chunk by number; `nil` past the last.
    private let fetch: (Int) throws -> Chunk?
    private let chunkCount: Int
    private var fetched = 0
    private var chunk = Chunk()
    private var idOffset = 0
    private var position = 0
    private var id: UInt64 = 0
    /// True once a chunk did not decode or was missing.
    private(set) var failed = false

    /// Opens the index of run `runId` inside one database access; `nil` when it has none.
    init?(_ sql: any HistorySQL, runId: Int64) throws {
      guard let count = try Self.chunkCount(sql, runId: runId) else { return nil }
      self.init(chunkCount: count) { number in try Self.chunk(sql, runId: runId, number: number) }
    }

    /// Opens the index of run `runId`, reading each chunk in an access of its own as it is
    /// needed; `nil` when the run has none.
    init?(_ database: any HistoryDatabase, runId: Int64) throws {
      guard let count = try database.read({ sql in try Self.chunkCount(sql, runId: runId) }) else {
        return nil
      }
      self.init(chunkCount: count) { number in
        try database.read { sql in try Self.chunk(sql, runId: runId, number: number) }
      }
    }

    private init(chunkCount: Int, fetch: @escaping (Int) throws -> Chunk?) {
      self.chunkCount = chunkCount
      self.fetch = fetch
    }

    private static func chunkCount(_ sql: any HistorySQL, runId: Int64) throws -> Int? {
      let count = try sql.int64("SELECT count(*) FROM deviceIndex WHERE runId = ?", [runId]) ?? 0
      return count > 0 ? Int(count) : nil
    }

    private static func chunk(_ sql: any HistorySQL, runId: Int64, number: Int) throws -> Chunk? {
      try sql.row(
        "SELECT count, ids, digests FROM deviceIndex WHERE runId = ? AND chunk = ?", [runId, number]
      )
      .map { row in
        Chunk(count: try row.int("count"), ids: try row.bytes("ids"), digests: try row.bytes("digests"))
      }
    }

    /// The next device's id and digest; `nil` after the last, or at bytes that do not decode
    /// (``failed`` then says so).
    mutating func next() throws -> (id: UInt64, digest: UInt64)? {
      while position == chunk.count {
        guard fetched < chunkCount else { return nil }
        guard let next = try fetch(fetched) else {
          failed = true
          return nil
        }
        fetched += 1
        chunk = next
        guard chunk.digests.count == chunk.count * 8 else {
          failed = true
          return nil
        }
        idOffset = 0
        position = 0
        id = 0
      }
      var step: UInt64 = 0
      var shift: UInt64 = 0
      while true {
        guard idOffset < chunk.ids.count, shift < 64 else {
          failed = true
          return nil
        }
        let byte: UInt8 = chunk.ids[chunk.ids.startIndex + idOffset]
        idOffset += 1
        let bits = UInt64(byte & 0x7F)
        step |= bits << shift
        if byte & 0x80 == 0 { break }
        shift += 7
      }
      id += step
      let start = chunk.digests.startIndex + position * 8
      var digest: UInt64 = 0
      for offset in stride(from: 7, through: 0, by: -1) {
        let byte: UInt8 = chunk.digests[start + offset]
        digest = (digest << 8) | UInt64(byte)
      }
      position += 1
      return (id, digest)
    }
  }

  /// A digest of the fields the `device` table keeps (FNV-1a over length-prefixed fields, then
  /// a final mix); the same device always gives the same digest, in any process.
  static func digest(_ device: Device) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    let prime: UInt64 = 0x0000_0100_0000_01B3
    func mix(_ byte: UInt8) {
      hash = (hash ^ UInt64(byte)) &* prime
    }
    func mix(_ text: String) {
      var count = text.utf8.count
      for _ in 0..<4 {
        mix(UInt8(truncatingIfNeeded: count))
        count >>= 8
      }
      for byte in text.utf8 { mix(byte) }
    }
    mix(device.make)
    mix(device.model)
    mix(device.firmware)
    mix(device.clientType)
    mix(device.status)
    let flags: UInt8 = (device.fotaEligible ? 1 : 0) | (device.licenseAssigned ? 2 : 0)
    mix(flags)
    mix(UInt8(device.upgrade.state.declarationIndex))
    let milliseconds: Int64 = device.upgrade.state == .upgraded ? device.upgrade.milliseconds ?? 0 : 0
    var instant = UInt64(bitPattern: milliseconds)
    for _ in 0..<8 {
      mix(UInt8(truncatingIfNeeded: instant))
      instant >>= 8
    }
    // splitmix64's finaliser spreads the last bytes' effect over every bit.
    let first: UInt64 = 0xBF58_476D_1CE4_E5B9
    let second: UInt64 = 0x94D0_49BB_1331_11EB
    hash = (hash ^ (hash >> 30)) &* first
    hash = (hash ^ (hash >> 27)) &* second
    return hash ^ (hash >> 31)
  }

  // MARK: Storage

  /// Stores the index with run `runId`, and drops those of the account's and filter's older
  /// runs but one (kept in case tonight's run is rolled back).
  func store(_ sql: any HistorySQL, runId: Int64, account: String, filter: String) throws {
    // One chunk a statement: a chunk is already up to a megabyte.
    for (number, chunk) in chunks.enumerated() {
      try sql.execute(
        """
        INSERT INTO deviceIndex (runId, chunk, account, clientTypeFilter, count, ids, digests)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """, [runId, number, account, filter, chunk.count, chunk.ids, chunk.digests])
    }
    try sql.execute(
      """
      DELETE FROM deviceIndex WHERE account = ? AND clientTypeFilter = ? AND runId NOT IN (
        SELECT DISTINCT runId FROM deviceIndex WHERE account = ? AND clientTypeFilter = ?
        ORDER BY runId DESC LIMIT 2)
      """,
      [account, filter, account, filter])
  }
}

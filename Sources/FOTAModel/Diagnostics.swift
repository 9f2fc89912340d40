/// Collects per-record data problems: counts per kind and field, with the first few examples.
public struct Diagnostics: Sendable, Equatable {
  /// How many examples each entry keeps.
  public static let exampleLimit = 5

  /// Identifies one line of the diagnostics table.
  public struct Key: Sendable, Hashable, Comparable, Codable {
    public var kind: DiagnosticKind
    /// The field concerned, or empty for record-level problems.
    public var field: String

    public init(kind: DiagnosticKind, field: String = "") {
      self.kind = kind
      self.field = field
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
      (lhs.kind, lhs.field) < (rhs.kind, rhs.field)
    }
  }

  /// One recorded occurrence, enough to find the record again.
  public struct Example: Sendable, Hashable, Codable {
    /// 1-based page number.
    public var page: Int
    /// The device, when it has an id.
    public var deviceId: String
    /// The offending value, shortened.
    public var value: String

    public init(page: Int, deviceId: String, value: String) {
      self.page = page
      self.deviceId = deviceId
      self.value = value
    }
  }

  /// Count and examples of one key.
  public struct Entry: Sendable, Equatable {
    public var key: Key
    public var count: Int
    public var examples: [Example]
  }

  private var entries: [Key: Entry] = [:]

  /// Creates an empty collector.
  public init() {}

  /// Records one occurrence.
  public mutating func record(
    _ kind: DiagnosticKind, field: String = "", page: Int, deviceId: String, value: String = ""
  ) {
    let key = Key(kind: kind, field: field)
    var entry = entries[key] ?? Entry(key: key, count: 0, examples: [])
    entry.count += 1
    if entry.examples.count < Self.exampleLimit {
      let shortened = value.count > 80 ? String(value.prefix(79)) + "…" : value
      entry.examples.append(Example(page: page, deviceId: deviceId, value: shortened))
    }
    entries[key] = entry
  }

  /// Adds what `later` recorded after everything recorded here, as if recorded one by one: counts
  /// add up, and examples keep the first few in order. `later`'s page numbers are counted from
  /// after `pagesBefore` pages (a range of a night collected in ranges numbers its own pages).
  public mutating func merge(_ later: Diagnostics, pagesBefore: Int = 0) {
    for (key, entry) in later.entries {
      var merged = entries[key] ?? Entry(key: key, count: 0, examples: [])
      merged.count += entry.count
      for var example in entry.examples.prefix(Self.exampleLimit - merged.examples.count) {
        example.page += pagesBefore
        merged.examples.append(example)
      }
      entries[key] = merged
    }
  }

  /// Every entry, in a stable order.
  public var sortedEntries: [Entry] { entries.values.sorted { $0.key < $1.key } }

  /// Total occurrences of one kind.
  public func count(of kind: DiagnosticKind) -> Int {
    entries.values.reduce(0) { $0 + ($1.key.kind == kind ? $1.count : 0) }
  }

  /// Total occurrences of everything.
  public var totalCount: Int { entries.values.reduce(0) { $0 + $1.count } }

  /// True when nothing was recorded.
  public var isEmpty: Bool { entries.isEmpty }
}

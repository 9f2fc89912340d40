/// How a page's `lastSeenDeviceId` is written: ThingSpace has been seen sending both types.
public enum CursorStyle: String, Sendable, CaseIterable {
  /// A JSON number, as the SDK models it.
  case number
  /// A JSON string, as the documentation's example shows.
  case string
  /// Both, page by page, so every consumer copes with either.
  case alternating
}

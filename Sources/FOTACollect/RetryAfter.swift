import Foundation

/// Reads the `Retry-After` header of a 429 answer.
public enum RetryAfter {
  /// The wait a `Retry-After` value asks for, as delay-seconds or an HTTP date, capped at `cap`;
  /// `nil` when the value is neither.
  public static func delay(_ value: String, cap: Duration, now: Date = Date()) -> Duration? {
    let text = value.trimmingCharacters(in: .whitespaces)
    if let seconds = Int(text) { return min(.seconds(max(seconds, 0)), cap) }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = formatter.date(from: text) else { return nil }
    let seconds = max(date.timeIntervalSince(now), 0)
    return min(.milliseconds(Int64(seconds * 1000)), cap)
  }
}

/// The one way a wait is bounded: work that must end within a duration is raced against a timer
/// and cancelled when the timer wins.
public enum TimeLimit {
  /// Runs `operation`; when it has not finished within `limit`, cancels it, waits for it to end
  /// (cancelled work ends promptly), and returns `nil`.
  public static func run<Value: Sendable>(
    within limit: Duration, _ operation: @escaping @Sendable () async -> Value
  ) async -> Value? {
    await withTaskGroup(of: Finished<Value>.self) { group in
      group.addTask { .value(await operation()) }
      group.addTask {
        do {
          try await Task.sleep(for: limit)
          return .timedOut
        } catch {
          return .cancelled
        }
      }
      defer { group.cancelAll() }
      while let first = await group.next() {
        switch first {
        case .value(let value): return value
        case .timedOut: return nil
        case .cancelled: continue
        }
      }
      return nil
    }
  }

  private enum Finished<Value: Sendable>: Sendable {
    case value(Value)
    case timedOut
    case cancelled
  }
}

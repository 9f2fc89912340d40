import FOTAModel

/// How long each stage of a night took, lap by lap.
struct StageClock {
  private let clock = ContinuousClock()
  private var lapStarted: ContinuousClock.Instant
  /// Seconds per stage, in the order they ended.
  private(set) var stages: [(stage: String, seconds: Double)] = []

  init() {
    lapStarted = clock.now
  }

  /// Ends `stage` now; the next one starts.
  mutating func end(_ stage: String) {
    let now = clock.now
    stages.append((stage, (now - lapStarted).seconds))
    lapStarted = now
  }
}

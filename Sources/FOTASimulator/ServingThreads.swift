import Foundation

/// Threads of the simulator's own that run its tasks, so that a simulator inside a busy process
/// (the tests, where every core's share of Swift's pool may be taken by a night being computed)
/// answers as promptly as one running alone: a task that prefers this executor, and the tasks
/// it starts in groups, run here and never wait for the shared pool.
final class ServingThreads: TaskExecutor, @unchecked Sendable {
  /// The threads every simulator in the process serves on.
  static let shared = ServingThreads(count: 2, name: "thingspace-simulator")

  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []

  private init(count: Int, name: String) {
    for number in 0..<count {
      let thread = Thread { [self] in serve() }
      thread.name = "\(name)-\(number)"
      thread.start()
    }
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  /// Runs queued jobs, oldest first, for the life of the process.
  private func serve() {
    while true {
      condition.lock()
      while jobs.isEmpty { condition.wait() }
      let job = jobs.removeFirst()
      condition.unlock()
      job.runSynchronously(on: asUnownedTaskExecutor())
    }
  }
}

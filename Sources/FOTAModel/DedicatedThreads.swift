import Foundation

/// Threads of their own for tasks that must never wait for Swift's shared pool: a task that
/// prefers this executor, and the tasks it starts in groups, run here. For work a blocked pool
/// thread may be waiting on (the PostgreSQL history's `COPY`), and for servers inside a busy
/// process (the simulator in the tests).
public final class DedicatedThreads: TaskExecutor, @unchecked Sendable {
  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []

  /// Starts `count` threads named `name-N`, which serve for the life of the process.
  public init(count: Int, name: String) {
    for number in 0..<count {
      let thread = Thread { [self] in serve() }
      thread.name = "\(name)-\(number)"
      thread.start()
    }
  }

  public func enqueue(_ job: consuming ExecutorJob) {
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

import Foundation

/// A thread of the PostgreSQL history's own that runs its `COPY` transfers (postgres-nio offers
/// `COPY` as async code only): the store's caller waits for each transfer blocking, maybe on a
/// thread of Swift's shared pool, so the transfer must never need that pool to make progress.
final class CopyThread: TaskExecutor, @unchecked Sendable {
  /// The one thread every store in the process copies on; copies are short and one at a time
  /// per store.
  static let shared = CopyThread()

  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []

  private init() {
    let thread = Thread { [self] in serve() }
    thread.name = "fota-history-copy"
    thread.start()
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

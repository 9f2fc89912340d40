import Foundation

/// Blocking work (waiting for a child process, reading a pipe to its end) done on a thread of
/// its own, so that it never holds one of the few threads of Swift's shared pool: the servers in
/// the test process (the simulator, the SMTP sink) need those threads to answer the children
/// being waited for, and other tests need them to make progress.
public enum OffPool {
  /// Runs `body` on a new thread and returns what it returned.
  public static func run<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws
    -> Value
  {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
  }

  /// Runs `body`, which cannot fail, on a new thread and returns what it returned.
  public static func run<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
    await withCheckedContinuation { continuation in
      Thread.detachNewThread { continuation.resume(returning: body()) }
    }
  }
}

extension Process {
  /// Waits for the process to exit without holding a thread of the shared pool.
  public func exited() async {
    let process = UncheckedProcess(process: self)
    await OffPool.run { process.process.waitWithoutSpinning() }
  }

  /// Waits for the process to exit, looking every 10 ms: Foundation's `waitUntilExit` spins a
  /// core on a thread whose run loop has no source (every thread but the main one), which slowed
  /// every child it waited for.
  public func waitWithoutSpinning() {
    while isRunning { Thread.sleep(forTimeInterval: 0.01) }
  }
}

/// A `Process` handed to the waiting thread; only that thread touches it until it exits.
private struct UncheckedProcess: @unchecked Sendable {
  let process: Process
}

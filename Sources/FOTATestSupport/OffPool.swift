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
    await OffPool.run { process.process.waitUntilExit() }
  }
}

/// A `Process` handed to the waiting thread; only that thread touches it until it exits.
private struct UncheckedProcess: @unchecked Sendable {
  let process: Process
}

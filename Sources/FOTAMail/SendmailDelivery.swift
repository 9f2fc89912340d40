import FOTAModel
import Foundation
import Synchronization

/// Hands the message to a local `sendmail` (`/usr/sbin/sendmail -t -i` by default) on stdin,
/// within `timeout`: a `sendmail` that has not exited by then is killed, and the delivery fails.
public struct SendmailDelivery: MailDelivery {
  /// The program and its arguments.
  public let command: [String]
  /// How long the program may take, from its start to its exit.
  public let timeout: Duration

  /// The usual command.
  public static let defaultCommand = ["/usr/sbin/sendmail", "-t", "-i"]

  public init(command: [String] = SendmailDelivery.defaultCommand, timeout: Duration = .seconds(60)) {
    self.command = command.isEmpty ? Self.defaultCommand : command
    self.timeout = timeout
  }

  public var label: String { command.joined(separator: " ") }

  public func deliver(_ message: String, from: MailAddress, to: [MailAddress]) async throws(MailError) {
    let run = SendmailRun(command: command, message: Data(message.utf8))
    let status = await TimeLimit.run(within: timeout) { await run.exitStatus() }
    switch status {
    case nil:
      throw .sendmailFailed(
        command: label,
        detail: "it did not exit within \(timeout.spoken), so it was stopped; the summary was not sent")
    case .failure(let error)?:
      throw .sendmailFailed(command: label, detail: "cannot start it (\(ErrorText.cause(error)))")
    case .success(let code)? where code != 0:
      throw .sendmailFailed(command: label, detail: "it exited with status \(code)")
    case .success?:
      return
    }
  }
}

/// One `sendmail` process: started, fed the message, awaited without holding a thread, and
/// killed when the wait is cancelled.
private final class SendmailRun: Sendable {
  private let command: [String]
  private let message: Data
  /// The process's id once started; 0 before.
  private let pid = Atomic<Int32>(0)

  init(command: [String], message: Data) {
    self.command = command
    self.message = message
  }

  /// Runs the program to its exit: its status, or why it could not start.
  func exitStatus() async -> Result<Int32, any Error> {
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Result<Int32, any Error>, Never>) in
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.terminationHandler = { continuation.resume(returning: .success($0.terminationStatus)) }
        do {
          try process.run()
        } catch {
          return continuation.resume(returning: .failure(error))
        }
        pid.store(process.processIdentifier, ordering: .sequentiallyConsistent)
        if Task.isCancelled { kill(process.processIdentifier, SIGKILL) }
        // A program that does not read its input would hold a write past the pipe's buffer: the
        // message is written beside the wait, which a kill ends either way.
        let message = self.message
        Thread.detachNewThread {
          try? input.fileHandleForWriting.write(contentsOf: message)
          try? input.fileHandleForWriting.close()
        }
      }
    } onCancel: {
      let pid = pid.load(ordering: .sequentiallyConsistent)
      if pid > 0 { kill(pid, SIGKILL) }
    }
  }
}

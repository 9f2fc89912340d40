import FOTAModel
import Foundation

/// Hands the message to a local `sendmail` (`/usr/sbin/sendmail -t -i` by default) on stdin.
public struct SendmailDelivery: MailDelivery {
  /// The program and its arguments.
  public let command: [String]

  /// The usual command.
  public static let defaultCommand = ["/usr/sbin/sendmail", "-t", "-i"]

  public init(command: [String] = SendmailDelivery.defaultCommand) {
    self.command = command.isEmpty ? Self.defaultCommand : command
  }

  public var label: String { command.joined(separator: " ") }

  public func deliver(_ message: String, from: MailAddress, to: [MailAddress]) async throws(MailError) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    let input = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    do {
      try process.run()
    } catch {
      throw .sendmailFailed(command: label, detail: "cannot start it (\(ErrorText.cause(error)))")
    }
    let status: Int32 = await withCheckedContinuation { continuation in
      Thread.detachNewThread {
        input.fileHandleForWriting.write(Data(message.utf8))
        try? input.fileHandleForWriting.close()
        _ = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        continuation.resume(returning: process.terminationStatus)
      }
    }
    guard status == 0 else {
      throw .sendmailFailed(command: label, detail: "it exited with status \(status)")
    }
  }
}

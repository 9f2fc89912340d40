import FOTAModel
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An exclusive hold on a path (the report folder, the history, the saved-pages folder) for the
/// length of a run: `flock` on a lock file beside it, `.NAME.lock`, which says who holds it.
///
/// The kernel releases the lock when the process ends, however it ends, so a killed run never
/// leaves a stale lock behind; the file itself stays, empty of meaning until the next run.
public final class RunLock: Sendable {
  /// The path held.
  public let target: URL
  /// The lock file.
  public let file: URL
  private let descriptor: Int32

  private init(target: URL, file: URL, descriptor: Int32) {
    self.target = target
    self.file = file
    self.descriptor = descriptor
  }

  deinit {
    close(descriptor)
  }

  /// The lock file that guards `target`.
  public static func lockFile(for target: URL) -> URL {
    target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).lock")
  }

  /// Takes the lock on `target` without waiting; `purpose` says what the run does with it.
  public static func acquire(_ target: URL, purpose: String) throws(PublishError) -> RunLock {
    let file = lockFile(for: target)
    do {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    } catch {
      throw .cannotLock(path: target.path, reason: ErrorText.cause(error))
    }
    let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw .cannotLock(path: target.path, reason: String(cString: strerror(errno)))
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      let holder = (try? String(contentsOf: file, encoding: .utf8))?.trimmingCharacters(
        in: .whitespacesAndNewlines)
      close(descriptor)
      throw .busy(path: target.path, holder: holder.flatMap { $0.isEmpty ? nil : $0 } ?? "another run")
    }
    let note =
      "fota-report pid \(getpid()) on \(ProcessInfo.processInfo.hostName), started \(Self.now()), \(purpose)\n"
    _ = ftruncate(descriptor, 0)
    _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    return RunLock(target: target, file: file, descriptor: descriptor)
  }

  private static func now() -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: Date())
  }
}

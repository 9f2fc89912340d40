import Foundation

/// A tmpfs of a few hundred KiB mounted on a temporary folder: a disk that fills up, for the
/// tests of what a full disk does. Mounting needs root (or the capability); where it is refused,
/// ``mount(kibibytes:)`` returns `nil` and says why.
public struct SmallDisk: Sendable {
  /// The mounted folder.
  public let directory: TemporaryDirectory

  /// Mounts a tmpfs of `kibibytes` KiB; `nil`, with the reason printed, where that is refused.
  public static func mount(kibibytes: Int) throws -> SmallDisk? {
    let directory = try TemporaryDirectory("fota-report-small-disk")
    let (status, output) = run(
      "/bin/mount", ["-t", "tmpfs", "-o", "size=\(kibibytes)k", "tmpfs", directory.url.path])
    guard status == 0 else {
      directory.remove()
      print(
        "skipped: a small tmpfs cannot be mounted here (\(output.trimmingCharacters(in: .whitespacesAndNewlines)))"
      )
      return nil
    }
    return SmallDisk(directory: directory)
  }

  /// Unmounts it and removes the folder.
  public func unmount() {
    _ = Self.run("/bin/umount", [directory.url.path])
    directory.remove()
  }

  private static func run(_ tool: String, _ arguments: [String]) -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do {
      try process.run()
    } catch {
      return (-1, "\(tool) cannot be started")
    }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitWithoutSpinning()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }
}

import FOTACollect
import Foundation
import Logging
import Synchronization

/// Shows collection progress: a live line on a terminal, a log line every 100 pages otherwise.
final class ProgressReporter: Sendable {
  private let logger: Logger
  private let isTerminal = isatty(STDERR_FILENO) == 1
  private let shown = Mutex(false)

  init(logger: Logger) {
    self.logger = logger
  }

  func report(_ progress: CollectionProgress) {
    let line =
      "pages \(progress.pages) · records \(progress.records) · "
      + "\(Int(progress.recordsPerSecond)) records/s · retries \(progress.retries)"
    if isTerminal {
      shown.withLock { $0 = true }
      FileHandle.standardError.write(Data("\r\u{1B}[2K\(line)".utf8))
    } else if progress.pages % 100 == 0 {
      logger.info("progress", metadata: ["progress": "\(line)"])
    }
  }

  /// Ends the live line so later output starts on a fresh one.
  func finish() {
    if shown.withLock({ $0 }) { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}

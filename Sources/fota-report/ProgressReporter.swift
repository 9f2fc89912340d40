import FOTACollect
import Foundation
import Logging
import Synchronization

/// Shows collection progress: a live line on a terminal, a log line every 100 pages otherwise;
/// at the end the last figures are logged once (so even a short run logs its rate).
final class ProgressReporter: Sendable {
  private let logger: Logger
  private let terminal: TerminalLine
  /// The latest figures, and whether they were logged.
  private let latest = Mutex<(progress: CollectionProgress, logged: Bool)?>(nil)

  init(logger: Logger, terminal: TerminalLine = .standardError) {
    self.logger = logger
    self.terminal = terminal
  }

  func report(_ progress: CollectionProgress) {
    let logNow = !terminal.isTerminal && progress.pages % 100 == 0
    latest.withLock { $0 = (progress, logNow) }
    if terminal.isTerminal {
      terminal.draw(Self.line(progress))
    } else if logNow {
      logger.info("progress", metadata: ["progress": "\(Self.line(progress))"])
    }
  }

  /// Clears the live line and logs the last figures, unless they were logged already.
  func finish() {
    terminal.clear()
    guard let last = latest.withLock({ $0 }), !last.logged else { return }
    logger.info("progress", metadata: ["progress": "\(Self.line(last.progress))"])
  }

  private static func line(_ progress: CollectionProgress) -> String {
    "pages \(progress.pages) · records \(progress.records) · "
      + "\(Int(progress.recordsPerSecond)) records/s · retries \(progress.retries)"
  }
}

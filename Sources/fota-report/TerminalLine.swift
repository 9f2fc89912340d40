import Foundation
import Synchronization

/// The live progress line on a terminal's standard error: drawn by ``ProgressReporter``, cleared
/// before any log line is written so that no log line starts in the middle of it.
final class TerminalLine: Sendable {
  /// Standard error's line.
  static let standardError = TerminalLine()

  /// Whether standard error is a terminal (else no live line is drawn).
  let isTerminal = isatty(STDERR_FILENO) == 1
  private let shown = Mutex(false)

  /// Replaces the line with `text`.
  func draw(_ text: String) {
    shown.withLock { shown in
      shown = true
      FileHandle.standardError.write(Data("\r\u{1B}[2K\(text)".utf8))
    }
  }

  /// Clears the line when one is shown; the next ``draw(_:)`` shows it again.
  func clear() {
    shown.withLock { shown in
      guard shown else { return }
      shown = false
      FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
  }
}

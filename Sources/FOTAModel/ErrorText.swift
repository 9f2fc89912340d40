import Foundation

/// The one way an error becomes a line of text: its `LocalizedError` description when it has
/// one, on one line.
public enum ErrorText {
  /// The error as one line.
  public static func describe(_ error: any Error) -> String {
    let text = (error as? any LocalizedError)?.errorDescription ?? String(describing: error)
    return MessageText.oneLine(text)
  }
}

import Foundation

/// Failures writing or validating XML through libxml2.
public enum XMLError: Error, Equatable, LocalizedError {
  case cannotOpen(path: String)
  case writeFailed(operation: String, path: String)
  case invalidSchema(path: String, message: String)
  case invalidDocument(path: String, errors: [String])

  public var errorDescription: String? {
    switch self {
    case .cannotOpen(let path): "cannot open \(path) for writing XML"
    case .writeFailed(let operation, let path): "libxml2 failed to \(operation) in \(path)"
    case .invalidSchema(let path, let message): "the XML schema \(path) is not usable: \(message)"
    case .invalidDocument(let path, let errors):
      "\(path) does not conform to its schema: \(errors.first ?? "unknown error")"
        + (errors.count > 1 ? " (and \(errors.count - 1) more)" : "")
    }
  }
}

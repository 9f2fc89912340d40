import Foundation

/// Why rendering failed; nothing is published then.
public enum RenderError: Error, Equatable, LocalizedError {
  case templatesNotFound(path: String)
  case invalidTemplate(name: String, reason: String)
  case cannotWrite(file: String, reason: String)
  case renderFailed(renderer: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .templatesNotFound(let path):
      "templates not found in \(path); pass --templates DIR (the repository's Templates folder)"
    case .invalidTemplate(let name, let reason): "template \(name) is invalid: \(reason)"
    case .cannotWrite(let file, let reason): "cannot write \(file): \(reason)"
    case .renderFailed(let renderer, let reason): "\(renderer) rendering failed: \(reason)"
    }
  }
}

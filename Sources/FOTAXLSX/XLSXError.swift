import Foundation

/// Failures writing a workbook through libxlsxwriter.
public enum XLSXError: Error, Equatable, LocalizedError {
  case cannotCreate(path: String)
  case writeFailed(operation: String, path: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .cannotCreate(let path): "cannot create the workbook \(path)"
    case .writeFailed(let operation, let path, let reason):
      "libxlsxwriter failed to \(operation) in \(path): \(reason)"
    }
  }
}

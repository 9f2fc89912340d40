import Foundation

/// Why collecting the night's pages failed; the run then publishes nothing.
public enum CollectionError: Error, Equatable, LocalizedError {
  case unreadableDirectory(path: String, reason: String)
  case noPages(path: String)
  case unreadablePage(origin: String, reason: String)
  case invalidPage(origin: String, reason: String)
  case accountMismatch(origin: String, expected: String, found: String)
  case pageAfterLast(origin: String, lastPage: String)
  case incomplete(pages: Int, devices: Int, lastCursor: String)
  case cannotSavePages(path: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .unreadableDirectory(let path, let reason):
      "cannot read the page directory \(path): \(reason)"
    case .noPages(let path):
      "no *.json page files in \(path)"
    case .unreadablePage(let origin, let reason):
      "cannot read page \(origin): \(reason)"
    case .invalidPage(let origin, let reason):
      "page \(origin) is not a device-list response: \(reason)"
    case .accountMismatch(let origin, let expected, let found):
      "page \(origin) belongs to account \(found.debugDescription), expected \(expected.debugDescription)"
    case .pageAfterLast(let origin, let lastPage):
      "page \(origin) follows \(lastPage), which said hasMoreData=false"
    case .incomplete(let pages, let devices, let lastCursor):
      "the pages end with hasMoreData=true: collected \(pages) pages, \(devices) devices, last cursor \(lastCursor)"
    case .cannotSavePages(let path, let reason):
      "cannot save pages to \(path): \(reason)"
    }
  }
}

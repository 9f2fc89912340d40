import FOTAModel
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
  case loginFailed(step: String, detail: String)
  case rejected(request: String, detail: String)
  case gaveUp(request: String, attempts: Int, detail: String)
  case redirected(request: String, status: Int, locationHost: String)
  case cursorDidNotAdvance(page: Int, startIndex: String, cursor: String)
  case emptyPageWithMoreData(page: Int, startIndex: String)
  /// The run is stopping (a signal, or its deadline): the request was not sent again.
  case cancelled(request: String)
  indirect case stopped(pages: Int, devices: Int, lastCursor: String, reason: CollectionError)

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
      "page \(origin) belongs to account \(MessageText.quoted(found)), expected \(MessageText.quoted(expected))"
    case .pageAfterLast(let origin, let lastPage):
      "page \(origin) follows \(lastPage), which said hasMoreData=false"
    case .incomplete(let pages, let devices, let lastCursor):
      "the pages end with hasMoreData=true: collected \(pages) pages, \(devices) devices, last cursor \(lastCursor)"
    case .cannotSavePages(let path, let reason):
      "cannot save pages to \(path): \(reason)"
    case .loginFailed(let step, let detail):
      "login failed at \(step), not retried (repeated failed logins lock the account): \(detail)"
    case .rejected(let request, let detail):
      "ThingSpace refused \(request): \(detail)"
    case .gaveUp(let request, let attempts, let detail):
      "gave up on \(request) after \(attempts) attempts: \(detail)"
    case .redirected(let request, let status, let host):
      "ThingSpace answered \(request) with HTTP \(status), a redirect to \(host); redirects are never "
        + "followed, so no credential leaves --base-url (point --base-url at the API itself)"
    case .cursorDidNotAdvance(let page, let startIndex, let cursor):
      "page \(page) says hasMoreData=true but its lastSeenDeviceId \(cursor) does not move past startIndex \(startIndex)"
    case .emptyPageWithMoreData(let page, let startIndex):
      "page \(page) (startIndex \(startIndex)) is empty but says hasMoreData=true"
    case .cancelled(let request):
      "\(request) was cancelled: the run is stopping"
    case .stopped(let pages, let devices, let lastCursor, let reason):
      "collection stopped after \(pages) pages and \(devices) records (last cursor \(lastCursor)): "
        + ErrorText.describe(reason)
    }
  }
}

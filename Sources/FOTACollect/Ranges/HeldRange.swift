import FOTAModel
import FOTANightDevices
import Foundation

/// The pages of one range of a night collected in ranges, collected while the ranges before it
/// still are: their counted devices in a ``HeldBatches`` file and, when the night's pages are
/// saved, each page's body beside it, until the ranges before it are written.
final class HeldRange {
  /// A page held, one to a batch of the file.
  struct Page: Sendable {
    var origin: String
    var segment: PageSegment?
    /// The page's body, kept when the night's pages are saved.
    var body: URL?
  }

  /// What a range held, once its walk ended.
  struct Contents: Sendable {
    var batches: URL
    var pages: [Page]
  }

  private let batches: HeldBatches
  private let keepsBodies: Bool
  private var pages: [Page] = []

  /// Holds a range's pages in `url`, and their bodies beside it when `keepsBodies`.
  init(url: URL, keepsBodies: Bool) throws {
    batches = try HeldBatches(url: url)
    self.keepsBodies = keepsBodies
  }

  /// Holds the next page's devices that it counts.
  func hold(_ page: CollectedPage, batch: DeviceBatch, spooled: SpoolBatch) throws {
    var body: URL?
    if keepsBodies {
      let file = batches.url.appendingPathExtension("page\(pages.count + 1)")
      do {
        try page.body.write(to: file)
      } catch {
        throw FileError("write", file.path, error)
      }
      body = file
    }
    try batches.hold(batch, spooled: spooled)
    pages.append(Page(origin: page.origin, segment: page.segment, body: body))
  }

  /// Ends the range.
  func finish() throws -> Contents {
    try batches.finish()
    return Contents(batches: batches.url, pages: pages)
  }
}

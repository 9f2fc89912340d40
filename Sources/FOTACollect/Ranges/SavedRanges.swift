import FOTAModel
import Foundation

/// The ranges of a saved night that was collected in ranges (`--parallel`): one JSON line per
/// page, naming its range and the `deviceList` elements that are the range's, so that a replay
/// with `--from-pages` counts exactly what the live night counted.
public enum SavedRanges {
  /// The file beside the pages.
  public static let fileName = "ranges.jsonl"

  private struct Line: Codable {
    var page: String
    var segment: PageSegment
  }

  /// One page's line.
  static func line(page: String, segment: PageSegment) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return ((try? encoder.encode(Line(page: page, segment: segment))) ?? Data()) + Data("\n".utf8)
  }

  /// The segments of a saved night's pages by file name; `nil` when the night was walked in one go.
  static func read(in directory: URL) throws(CollectionError) -> [String: PageSegment]? {
    let url = directory.appendingPathComponent(fileName)
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .unreadablePage(origin: fileName, reason: ErrorText.cause(error))
    }
    var segments: [String: PageSegment] = [:]
    for (number, text) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
      guard let line = try? JSONDecoder().decode(Line.self, from: Data(text)) else {
        throw .invalidPage(origin: fileName, reason: "line \(number + 1) is not a page's range")
      }
      segments[line.page] = line.segment
    }
    return segments
  }
}

import FOTAModel
import Foundation
import ThingSpaceAPI

/// Replays a saved night: every `*.json` file of a directory, in file-name order.
public struct PageDirectorySource: DevicePageSource {
  public let directory: URL
  private let files: [String]
  private var nextFile = 0
  /// Each page's range, when the night was collected in ranges.
  private let segments: [String: PageSegment]?

  /// Lists the directory's page files.
  public init(directory: URL) throws(CollectionError) {
    self.directory = directory
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    } catch {
      throw .unreadableDirectory(path: directory.path, reason: ErrorText.cause(error))
    }
    files = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
      .filter { !Self.planningFiles.contains($0) }
      .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    guard !files.isEmpty else { throw .noPages(path: directory.path) }
    segments = try SavedRanges.read(in: directory)
  }

  /// Files beside the pages that are not device-list pages.
  static let planningFiles: Set<String> = ["firmware.json", "licenses.json"]

  /// The file being read, or the next one before any is.
  public var position: String { files[max(0, min(nextFile, files.count) - 1)] }

  public var sourceDescription: String { "pages from \(directory.path) (\(files.count) files)" }

  /// Files are read far ahead: decoding them is the work, and it runs on every core.
  public var pagesAhead: Int { DevicePageSourceDefaults.pagesAheadOnEveryCore }

  /// Reads `firmware.json` and `licenses.json` beside the pages, and with `campaigns` the
  /// upgrade reports in `upgrades/`, when there.
  public mutating func planningData(campaigns: Bool) async -> PlanningData {
    var data = PlanningData()
    if let (body, entries) = read(
      PlanningData.firmwareFile, as: [FirmwareEntry].self, what: "a firmware list", into: &data)
    {
      data.firmware = entries
      data.firmwareBody = body
    }
    if let (body, summary) = read(
      PlanningData.licensesFile, as: LicenseSummary.self, what: "a license pool", into: &data)
    {
      data.licenses = summary
      data.licensesBody = body
    }
    if campaigns { data.upgradeReports = readUpgradeReports(into: &data) }
    return data
  }

  /// The saved upgrade reports, status by status in the order collected; `nil` (and a line in
  /// `data.missing`) when the night was saved without them or one cannot be read.
  private func readUpgradeReports(into data: inout PlanningData) -> [PlanningData.UpgradeReportBody]? {
    let folder = directory.appendingPathComponent(PlanningData.upgradesFolder)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
      data.missing.append("no \(PlanningData.upgradesFolder)/ beside the pages: campaign data missing")
      return nil
    }
    var pages: [PlanningData.UpgradeReportBody] = []
    for status in ThingSpacePaths.upgradeStatuses {
      let files = names.filter { $0.hasPrefix(status + "-") && $0.hasSuffix(".json") }.sorted()
      for (offset, name) in files.enumerated() {
        guard let body = try? Data(contentsOf: folder.appendingPathComponent(name)),
          let page = try? JSONDecoder().decode(UpgradeReportPage.self, from: body)
        else {
          data.missing.append(
            "\(PlanningData.upgradesFolder)/\(name) is not an upgrade report: campaign data missing")
          return nil
        }
        pages.append(.init(status: status, number: offset + 1, body: body, page: page))
      }
    }
    return pages
  }

  /// One planning file beside the pages; what is wrong with it goes to `data.missing`.
  private func read<Answer: Decodable>(
    _ name: String, as _: Answer.Type, what: String, into data: inout PlanningData
  )
    -> (Data, Answer)?
  {
    guard let body = try? Data(contentsOf: directory.appendingPathComponent(name)) else {
      data.missing.append("no \(name) beside the pages")
      return nil
    }
    guard let answer = try? JSONDecoder().decode(Answer.self, from: body) else {
      data.missing.append("\(name) is not \(what)")
      return nil
    }
    return (body, answer)
  }

  public mutating func nextPage() async throws(CollectionError) -> CollectedPage? {
    guard nextFile < files.count else { return nil }
    let name = files[nextFile]
    nextFile += 1
    let url = directory.appendingPathComponent(name)
    let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    guard size <= DeviceListDecoder.maximumBodyBytes else {
      throw .invalidPage(origin: name, reason: DeviceListDecodingError.tooLarge(bytes: size).description)
    }
    let body: Data
    do {
      body = try Data(contentsOf: url)
    } catch {
      throw .unreadablePage(origin: name, reason: ErrorText.cause(error))
    }
    var segment: PageSegment?
    if let segments {
      guard let found = segments[name] else {
        throw .invalidPage(origin: name, reason: "\(SavedRanges.fileName) does not name its range")
      }
      segment = found
    }
    return CollectedPage(number: nextFile, origin: name, body: body, segment: segment)
  }
}

import Foundation
import ThingSpaceAPI

/// Replays a saved night: every `*.json` file of a directory, in file-name order.
public struct PageDirectorySource: DevicePageSource {
  public let directory: URL
  private let files: [String]
  private var nextFile = 0

  /// Lists the directory's page files.
  public init(directory: URL) throws(CollectionError) {
    self.directory = directory
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    } catch {
      throw .unreadableDirectory(path: directory.path, reason: Self.reason(error))
    }
    files = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
      .filter { !Self.planningFiles.contains($0) }
      .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    guard !files.isEmpty else { throw .noPages(path: directory.path) }
  }

  /// Files beside the pages that are not device-list pages.
  static let planningFiles: Set<String> = ["firmware.json", "licenses.json"]

  public var position: String { nextFile < files.count ? files[nextFile] : "end" }

  public var sourceDescription: String { "pages from \(directory.path) (\(files.count) files)" }

  /// Reads `firmware.json` and `licenses.json` beside the pages, when there.
  public mutating func planningData() async -> PlanningData {
    var data = PlanningData()
    let firmwareURL = directory.appendingPathComponent(PlanningData.firmwareFile)
    if let body = try? Data(contentsOf: firmwareURL) {
      if let entries = try? JSONDecoder().decode([FirmwareEntry].self, from: body) {
        data.firmware = entries
        data.firmwareBody = body
      } else {
        data.missing.append("\(PlanningData.firmwareFile) is not a firmware list")
      }
    } else {
      data.missing.append("no \(PlanningData.firmwareFile) beside the pages")
    }
    let licensesURL = directory.appendingPathComponent(PlanningData.licensesFile)
    if let body = try? Data(contentsOf: licensesURL) {
      if let summary = try? JSONDecoder().decode(LicenseSummary.self, from: body) {
        data.licenses = summary
        data.licensesBody = body
      } else {
        data.missing.append("\(PlanningData.licensesFile) is not a license pool")
      }
    } else {
      data.missing.append("no \(PlanningData.licensesFile) beside the pages")
    }
    return data
  }

  public mutating func nextPage() async throws(CollectionError) -> CollectedPage? {
    guard nextFile < files.count else { return nil }
    let name = files[nextFile]
    nextFile += 1
    let body: Data
    do {
      body = try Data(contentsOf: directory.appendingPathComponent(name))
    } catch {
      throw .unreadablePage(origin: name, reason: Self.reason(error))
    }
    let page = try PageDecoder.decode(body, origin: name)
    return CollectedPage(number: nextFile, origin: name, body: body, page: page)
  }

  static func reason(_ error: any Error) -> String {
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    if let underlying, underlying.domain == NSPOSIXErrorDomain,
      let code = POSIXErrorCode(rawValue: Int32(underlying.code))
    {
      return String(cString: strerror(code.rawValue))
    }
    return (error as NSError).localizedDescription
  }
}

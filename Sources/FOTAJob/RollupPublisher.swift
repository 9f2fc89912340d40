import FOTAMail
import FOTAModel
import FOTAPublish
import FOTARender
import Foundation

/// Publishes the fleet roll-up of a run of many accounts as a report folder is published: locked
/// for the run, written into a hidden sibling, swapped into place whole; a failure leaves the
/// previous roll-up as it was.
public struct RollupPublisher: Sendable {
  /// The roll-up's folder.
  public let destination: URL
  /// The folder with `rollup.mustache`.
  public let templates: URL

  /// Creates a publisher for `destination`.
  public init(destination: URL, templates: URL) {
    self.destination = destination
    self.templates = templates
  }

  /// Writes `accounts.csv`, `by-model-firmware.csv`, `report.html`, with `mail` the summary
  /// e-mail `summary.eml`, and `run.json`, then publishes them together; returns the e-mail, to
  /// be delivered once published.
  @discardableResult
  public func publish(_ rollup: FleetRollup, mail: RollupMailComposer? = nil) throws -> MIMEMessage? {
    let publisher = ReportPublisher(destination: destination)
    try publisher.checkDestination()
    let lock = try RunLock.acquire(destination, purpose: "writing the roll-up")
    defer { withExtendedLifetime(lock) {} }
    _ = publisher.removeLeftovers()
    let templates = try ReportTemplates(directory: templates)
    let staging = try publisher.makeStaging()
    do {
      let folder = ReportFolder(url: staging)
      try RollupCSVFiles.write(rollup, into: folder)
      let html = try RollupHTML.render(rollup, templates: templates)
      try folder.write("report.html", contents: html)
      let message = try mail?.compose(rollup, html: html, into: folder)
      try RollupRecordFile.write(rollup, into: folder)
      try publisher.publish(staging)
      return message
    } catch {
      publisher.discard(staging)
      throw error
    }
  }

  /// The instant the report published in `folder` is as of, from its `run.json`; `nil` when there
  /// is none.
  public static func publishedAsOf(in folder: URL) -> Int64? {
    guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("run.json").path),
      let record = try? JSONDecoder().decode(RunRecordFile.Record.self, from: data)
    else { return nil }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    guard let date = formatter.date(from: record.asOf) else { return nil }
    return Int64((date.timeIntervalSince1970 * 1000).rounded())
  }

  /// A link from the roll-up's folder to `report` (a file of another folder), relative, so that
  /// the folders can move together.
  public func link(to report: URL) -> String {
    let from = destination.standardizedFileURL.pathComponents
    let to = report.standardizedFileURL.pathComponents
    var common = 0
    while common < min(from.count, to.count), from[common] == to[common] { common += 1 }
    let up = Array(repeating: "..", count: from.count - common)
    let down = to[common...].map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0 }
    return (up + down).joined(separator: "/")
  }
}

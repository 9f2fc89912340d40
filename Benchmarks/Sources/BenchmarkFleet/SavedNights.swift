import FOTAFleet
import Foundation

/// Saved nights of the demo fleet for benchmarks, written once and kept under `.build/fleets/`.
public enum SavedNights {
  /// The checkout the benchmarks belong to (holds `Templates/`).
  public static let checkout = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The report templates.
  public static var templates: URL { checkout.appendingPathComponent("Templates") }

  /// A folder of device-list pages for `devices` records of the demo fleet on `night`, exactly as
  /// `fota-report run --demo --save-pages` writes them; made on first use.
  public static func pages(devices: Int, night: Int = 0) throws -> URL {
    let folder = checkout.appendingPathComponent("Benchmarks/.build/fleets/\(devices)-night\(night)")
    let done = folder.appendingPathComponent(".complete")
    if FileManager.default.fileExists(atPath: done.path) { return folder }
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let fleet = SyntheticFleet(deviceCount: devices)
    var cursor = "0"
    var number = 0
    while let page = fleet.page(startIndex: cursor, night: night) {
      number += 1
      let name = "page-" + String(repeating: "0", count: max(0, 5 - String(number).count)) + String(number)
      try Data(page.body.utf8).write(to: folder.appendingPathComponent("\(name).json"))
      guard page.hasMoreData else { break }
      cursor = page.nextStartIndex
    }
    FileManager.default.createFile(atPath: done.path, contents: nil)
    return folder
  }

  /// The page bodies of a saved night, in order.
  public static func bodies(devices: Int, night: Int = 0) throws -> [[UInt8]] {
    let folder = try pages(devices: devices, night: night)
    return try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".json") }.sorted()
      .map { try [UInt8](Data(contentsOf: folder.appendingPathComponent($0))) }
  }

  /// Bytes in megabytes (10^6), for MB/s.
  public static func megabytes(_ bytes: Int) -> Double { Double(bytes) / 1_000_000 }
}

import Foundation

/// Compares produced report folders with committed golden copies.
///
/// Set `FOTA_RECORD_GOLDEN=1` to overwrite the golden copies with what was produced; a test that
/// records fails, so a recording never passes unnoticed: review the diff, then run it again.
public enum GoldenFiles {
  /// True when the run should re-record instead of compare.
  public static var isRecording: Bool {
    ProcessInfo.processInfo.environment["FOTA_RECORD_GOLDEN"] == "1"
  }

  /// The differences between `produced` and `golden`; when recording, records instead and says
  /// so as the one difference, so the test fails.
  public static func check(produced: URL, golden: URL) throws -> [String] {
    guard isRecording else { return try differences(produced: produced, golden: golden) }
    try record(produced: produced, golden: golden)
    return ["recorded \(golden.path); review the diff, then run the tests again without FOTA_RECORD_GOLDEN"]
  }

  /// Replaces timing figures, the only values allowed to differ between runs, with `0`.
  public static func maskTimings(_ text: String) -> String {
    var masked = text
    for (pattern, template) in [
      (#""(\w+Seconds)" : [0-9.e+-]+"#, #""$1" : 0"#),
      (#"(\w+Seconds)="[^"]*""#, #"$1="0""#),
      (#"<span class="timing">[^<]*</span>"#, #"<span class="timing">0</span>"#),
    ] {
      masked = masked.replacingOccurrences(
        of: pattern, with: template, options: .regularExpression)
    }
    return masked
  }

  /// The differences between two folders, file by file, after masking timings; empty when equal.
  public static func differences(produced: URL, golden: URL) throws -> [String] {
    let producedFiles = try files(under: produced)
    let goldenFiles = try files(under: golden)
    var differences: [String] = []
    for name in producedFiles.symmetricDifference(goldenFiles).sorted() {
      differences.append("\(name): only in \(producedFiles.contains(name) ? "produced" : "golden")")
    }
    for name in producedFiles.intersection(goldenFiles).sorted() {
      let producedData = try Data(contentsOf: produced.appendingPathComponent(name))
      let goldenData = try Data(contentsOf: golden.appendingPathComponent(name))
      // Binary files (report.xlsx) hold no timings: byte for byte.
      guard let producedText = String(data: producedData, encoding: .utf8),
        let goldenText = String(data: goldenData, encoding: .utf8)
      else {
        if producedData != goldenData { differences.append("\(name): differs (binary)") }
        continue
      }
      let lhs = maskTimings(producedText)
      let rhs = maskTimings(goldenText)
      if lhs != rhs {
        let lhsLines = lhs.split(separator: "\n", omittingEmptySubsequences: false)
        let rhsLines = rhs.split(separator: "\n", omittingEmptySubsequences: false)
        let line =
          zip(lhsLines, rhsLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
          ?? min(lhsLines.count, rhsLines.count)
        let shown = line < lhsLines.count ? String(lhsLines[line].prefix(160)) : "(end of file)"
        differences.append("\(name): differs from line \(line + 1): \(shown)")
      }
    }
    return differences
  }

  /// Every file below `folder`, as relative paths.
  public static func files(under folder: URL) throws -> Set<String> {
    let manager = FileManager.default
    var files = Set<String>()
    for path in try manager.subpathsOfDirectory(atPath: folder.path) {
      var isDirectory: ObjCBool = false
      if manager.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        files.insert(path)
      }
    }
    return files
  }

  /// Copies a produced folder over the golden one.
  public static func record(produced: URL, golden: URL) throws {
    let manager = FileManager.default
    try? manager.removeItem(at: golden)
    try manager.createDirectory(
      at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
    try manager.copyItem(at: produced, to: golden)
  }
}

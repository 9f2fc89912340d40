import Foundation

/// What `fota-report --version` prints: the package's version, and the git commit it was built
/// from when known (recorded beside the binary by `make install`, or read from the checkout a
/// `.build` binary sits in).
enum BuildVersion {
  /// The package's version.
  static let package = "1.1.0"

  /// The file `make install` writes beside the binary, holding the commit.
  static let commitFile = "fota-report.commit"

  /// `1.1.0 (commit 1a2b3c4d5e6f)`, or just the version.
  static var text: String {
    commit().map { "\(package) (commit \($0))" } ?? package
  }

  /// This process's executable, symbolic links resolved.
  static var executablePath: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }

  /// The commit: from ``commitFile`` beside the executable, else from the `.git` of a checkout
  /// the executable lies in (at most five folders up); `nil` when neither says.
  static func commit(executablePath: String = executablePath) -> String? {
    let folder = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
    if let recorded = read(folder.appendingPathComponent(commitFile)) { return short(recorded) }
    var candidate = folder
    for _ in 0..<5 {
      let git = candidate.appendingPathComponent(".git")
      if let head = read(git.appendingPathComponent("HEAD")) {
        guard head.hasPrefix("ref: ") else { return short(head) }
        let ref = String(head.dropFirst("ref: ".count))
        if let commit = read(git.appendingPathComponent(ref)) { return short(commit) }
        return packedRef(ref, in: git).flatMap { short($0) }
      }
      candidate = candidate.deletingLastPathComponent()
    }
    return nil
  }

  private static func packedRef(_ ref: String, in git: URL) -> String? {
    guard let packed = read(git.appendingPathComponent("packed-refs")) else { return nil }
    for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
      return String(line.prefix { $0 != " " })
    }
    return nil
  }

  private static func read(_ url: URL) -> String? {
    guard let data = FileManager.default.contents(atPath: url.path),
      let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
      !text.isEmpty
    else { return nil }
    return text
  }

  /// A commit id's first 12 hex digits; anything else is not a commit.
  private static func short(_ text: String) -> String? {
    let id = text.prefix(40)
    guard id.count >= 7, id.allSatisfy(\.isHexDigit) else { return nil }
    return String(id.prefix(12))
  }
}

import Foundation

/// A path as the components of its real location: symbolic links in the part that exists are
/// resolved, so two spellings of one place compare equal.
struct PathComponents {
  let components: [String]

  init(_ url: URL) {
    var existing = url.standardizedFileURL
    var rest: [String] = []
    while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
      rest.insert(existing.lastPathComponent, at: 0)
      existing.deleteLastPathComponent()
    }
    let real =
      realpath(existing.path, nil).map { pointer -> String in
        defer { free(pointer) }
        return String(cString: pointer)
      } ?? existing.path
    components = real.split(separator: "/").map(String.init) + rest
  }

  /// True when this path is `other` or lies below it.
  func isInside(_ other: PathComponents) -> Bool {
    components.count >= other.components.count
      && Array(components.prefix(other.components.count)) == other.components
  }
}

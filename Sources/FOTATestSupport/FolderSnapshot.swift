import Foundation

/// The files directly in a folder, with their bytes: what "untouched" means for a report folder.
public enum FolderSnapshot {
  /// Every file of `folder` (not its subfolders' files) by name.
  public static func files(in folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      var isDirectory: ObjCBool = false
      let url = folder.appendingPathComponent(name)
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
        files[name] = try Data(contentsOf: url)
      }
    }
    return files
  }
}

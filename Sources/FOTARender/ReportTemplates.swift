import FOTAModel
import Foundation
import Mustache

/// The `Templates/` folder: Mustache templates for HTML and the XSD the XML report conforms to.
public struct ReportTemplates: Sendable {
  /// The folder.
  public let directory: URL
  /// Every `*.mustache` file, by name without the extension.
  public let library: MustacheLibrary

  /// Name of the XML schema file.
  public static let schemaFile = "report.xsd"
  /// Name of the HTML report template.
  public static let htmlTemplate = "report"

  /// Loads and parses every template of `directory`.
  public init(directory: URL) throws(RenderError) {
    self.directory = directory
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    } catch {
      throw .templatesNotFound(path: directory.path)
    }
    var templates: [String: MustacheTemplate] = [:]
    for name in names where name.hasSuffix(".mustache") {
      let key = String(name.dropLast(".mustache".count))
      do {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        templates[key] = try MustacheTemplate(string: text)
      } catch {
        throw .invalidTemplate(name: name, reason: ErrorText.describe(error))
      }
    }
    guard templates[Self.htmlTemplate] != nil,
      FileManager.default.fileExists(atPath: directory.appendingPathComponent(Self.schemaFile).path)
    else { throw .templatesNotFound(path: directory.path) }
    library = MustacheLibrary(templates: templates)
  }

  /// Path of the XML schema.
  public var schemaPath: String { directory.appendingPathComponent(Self.schemaFile).path }

  /// Finds the templates folder: `Templates` in the working directory, else beside the executable
  /// or a folder above it (the checkout of `.build/<config>/fota-report`), or in
  /// `share/fota-report/Templates` beside its `bin` (where `make install` puts them).
  public static func locateDefault(executablePath: String) -> URL {
    let fileManager = FileManager.default
    let cwd = URL(fileURLWithPath: fileManager.currentDirectoryPath).appendingPathComponent("Templates")
    var candidates = [cwd]
    var folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
      .deletingLastPathComponent()
    for _ in 0..<5 {
      candidates.append(folder.appendingPathComponent("Templates"))
      candidates.append(folder.appendingPathComponent("share/fota-report/Templates"))
      folder = folder.deletingLastPathComponent()
    }
    return candidates.first {
      fileManager.fileExists(atPath: $0.appendingPathComponent(htmlTemplate + ".mustache").path)
    } ?? cwd
  }
}

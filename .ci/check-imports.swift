// Checks that every target of Package.swift imports exactly the modules it declares: no module
// arriving transitively, no declared dependency left unused. Tests included; the system's modules
// (Foundation, Glibc, Testing, …) are not dependencies and are ignored.
//
// usage: swift package dump-package | swift .ci/check-imports.swift [ROOT_PACKAGE_JSON]
//   ROOT_PACKAGE_JSON  the root package's dump-package, for a package beside it (Fuzz/,
//                      Benchmarks/) that depends on its products: a product stands for its modules.
// Prints one line per difference and exits 1 when there is any.
import Foundation

let system: Set<String> = [
  "Foundation", "FoundationEssentials", "FoundationNetworking", "Glibc", "Musl", "Darwin", "Dispatch",
  "Synchronization", "Testing", "XCTest", "_Concurrency", "RegexBuilder",
]
// The modules of each product of the root package, when its description is given.
var modulesOfProduct: [String: Set<String>] = [:]
if CommandLine.arguments.count > 1 {
  guard let data = FileManager.default.contents(atPath: CommandLine.arguments[1]),
    let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
  else {
    print("check-imports: cannot read \(CommandLine.arguments[1])")
    exit(2)
  }
  for product in root["products"] as? [[String: Any]] ?? [] {
    if let name = product["name"] as? String, let targets = product["targets"] as? [String] {
      modulesOfProduct[name] = Set(targets)
    }
  }
}

let data = FileHandle.standardInput.readDataToEndOfFile()
guard let package = try JSONSerialization.jsonObject(with: data) as? [String: Any],
  let targets = package["targets"] as? [[String: Any]]
else {
  print("check-imports: cannot read the package description")
  exit(2)
}

var differences: [String] = []
for target in targets {
  guard let name = target["name"] as? String, let type = target["type"] as? String,
    ["regular", "executable", "test"].contains(type)
  else { continue }
  // Each declared dependency and the modules it makes importable.
  var declared: [String: Set<String>] = [:]
  for dependency in target["dependencies"] as? [[String: Any]] ?? [] {
    for kind in ["byName", "target", "product"] {
      if let values = dependency[kind] as? [Any], let name = values.first as? String {
        declared[name] = modulesOfProduct[name] ?? [name]
      }
    }
  }
  let importable = declared.values.reduce(into: Set<String>()) { $0.formUnion($1) }
  let folder = (target["path"] as? String) ?? (type == "test" ? "Tests/\(name)" : "Sources/\(name)")
  var imported: [String: String] = [:]
  let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
  for file in files.sorted() where file.hasSuffix(".swift") {
    let text = (try? String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)) ?? ""
    for line in text.split(separator: "\n") {
      let words = line.split(separator: " ").map(String.init)
      guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
        words[..<index].allSatisfy({
          ["@testable", "@_exported", "public", "internal", "package"].contains($0)
        })
      else { continue }
      let module = String(words[index + 1].split(separator: ".").first ?? "")
      if !system.contains(module), imported[module] == nil { imported[module] = "\(folder)/\(file)" }
    }
  }
  for (module, file) in imported.sorted(by: { $0.key < $1.key }) where !importable.contains(module) {
    differences.append("\(name): \(file) imports \(module), which Package.swift does not declare")
  }
  for (module, modules) in declared.sorted(by: { $0.key < $1.key })
  where modules.allSatisfy({ imported[$0] == nil }) {
    // A system library target is imported by the one Swift target that wraps it; a C target
    // is linked, not imported, when the Swift side calls it through a shim of its own.
    differences.append("\(name): declares \(module) but no file imports it")
  }
}
for line in differences { print("check-imports: \(line)") }
exit(differences.isEmpty ? 0 : 1)

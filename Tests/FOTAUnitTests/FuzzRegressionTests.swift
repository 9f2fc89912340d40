import FOTAModel
import FOTANormalise
import FOTATestSupport
import Foundation
import Testing
import ThingSpaceAPI

/// Every input a fuzzer ever crashed on, replayed: `Tests/Regressions/fuzz/`.
@Suite("fuzz regressions")
struct FuzzRegressionTests {
  static let folder = RepositoryPaths.root.appendingPathComponent("Tests/Regressions/fuzz")

  static var inputs: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
      !$0.hasSuffix(".md")
    }.sorted()
  }

  @Test("each crash input is read without a trap", arguments: inputs)
  func replay(name: String) throws {
    let bytes = try Data(contentsOf: Self.folder.appendingPathComponent(name))
    if name.hasPrefix("upgrade-time") {
      let text = String(decoding: bytes, as: UTF8.self)
      let parsed = UpgradeTimeParser.parse(text)
      #expect(parsed.raw == text)
    } else {
      var decoder = DeviceListDecoder()
      if let page = try? decoder.decode(Array(bytes)) {
        var diagnostics = Diagnostics()
        let normaliser = DeviceNormaliser(asOf: 0)
        for entry in page.deviceList { _ = normaliser.normalise(entry, page: 1, diagnostics: &diagnostics) }
      }
    }
  }

  @Test("the first crash input, a monotonic suffix of 90 digits, is an invalid value, not a trap")
  func monotonicOverflow() throws {
    let text = try String(
      contentsOf: Self.folder.appendingPathComponent("upgrade-time-monotonic-overflow.txt"), encoding: .utf8)
    #expect(UpgradeTimeParser.parse(text).state == .invalid)
  }
}

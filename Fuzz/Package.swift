// swift-tools-version:6.2
// libFuzzer targets for the code that reads what the API sends: the page decoder and the
// upgradeTime parser. Built with `-sanitize=fuzzer,address`; see README.md and run.sh.
import PackageDescription

import class Foundation.NSString

/// A path dependency is known by its folder's name, which is whatever the checkout is called.
let root = (((Context.packageDirectory as NSString).deletingLastPathComponent) as NSString).lastPathComponent

/// No generated `main`: each target's entry point starts libFuzzer's driver.
let fuzzer: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"]), .swiftLanguageMode(.v6)]

let package = Package(
  name: "fota-report-fuzz",
  dependencies: [.package(path: "../")],
  targets: [
    // libFuzzer's driver, declared for Swift.
    .target(name: "CFuzzerDriver"),
    .executableTarget(
      name: "FuzzPageDecoder",
      dependencies: ["CFuzzerDriver", .product(name: "FOTADecoding", package: root)],
      swiftSettings: fuzzer),
    .executableTarget(
      name: "FuzzUpgradeTime",
      dependencies: ["CFuzzerDriver", .product(name: "FOTADecoding", package: root)],
      swiftSettings: fuzzer),
  ]
)

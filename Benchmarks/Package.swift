// swift-tools-version:6.2
// Benchmarks live in their own package so the job's build and tests never pay for the benchmark
// tooling. Run them with `swift package benchmark` in this folder.
import PackageDescription

import class Foundation.NSString

/// A path dependency is known by its folder's name, which is whatever the checkout is called.
let root = (((Context.packageDirectory as NSString).deletingLastPathComponent) as NSString).lastPathComponent

let package = Package(
  name: "fota-report-benchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(path: "../"),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
  ],
  targets: [
    .target(
      name: "BenchmarkFleet",
      dependencies: [.product(name: "FOTAReportLibraries", package: root)]
    ),
    benchmark("PipelineBenchmarks", fleet: false, logging: false),
    benchmark("DecoderBenchmarks", logging: false),
    benchmark("SavedNightBenchmarks"),
    benchmark("HistoryBenchmarks"),
  ]
)

/// A benchmark executable of `Benchmarks/NAME`, with the saved nights of `BenchmarkFleet` and
/// swift-log when it imports them (`.ci/check-imports.swift` checks).
func benchmark(_ name: String, fleet: Bool = true, logging: Bool = true) -> Target {
  .executableTarget(
    name: name,
    dependencies: (fleet ? ["BenchmarkFleet"] : []) + [
      .product(name: "Benchmark", package: "benchmark"),
      .product(name: "FOTAReportLibraries", package: root),
    ] + (logging ? [.product(name: "Logging", package: "swift-log")] : []),
    path: "Benchmarks/\(name)",
    plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
  )
}

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
  ],
  targets: [
    .executableTarget(
      name: "PipelineBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "FOTAReportLibraries", package: root),
      ],
      path: "Benchmarks/PipelineBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ]
)

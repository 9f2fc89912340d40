// swift-tools-version:6.2
// Benchmarks live in their own package so the job's build and tests never pay for the benchmark
// tooling. Run them with `swift package benchmark` in this folder.
import PackageDescription

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
        .product(name: "FOTAReportLibraries", package: "fota-report"),
      ],
      path: "Benchmarks/PipelineBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ]
)

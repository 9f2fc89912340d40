// swift-tools-version:6.2
import PackageDescription

/// Our own targets build in Swift 6 language mode with every warning an error.
let strict: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .treatAllWarnings(as: .error),
]

let package = Package(
  name: "fota-report",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "fota-report", targets: ["fota-report"]),
    // What reads the API's text, for the fuzz targets in Fuzz/.
    .library(name: "FOTADecoding", targets: ["ThingSpaceAPI", "FOTANormalise"]),
    // The stages as a library, for the benchmarks in Benchmarks/.
    .library(
      name: "FOTAReportLibraries",
      targets: ["ThingSpaceAPI", "FOTAFleet", "FOTANormalise", "FOTAAggregate", "FOTARender", "FOTACollect"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
  ],
  targets: [
    // Thin executable: argument parsing, logging bootstrap, nothing else.
    .executableTarget(
      name: "fota-report",
      dependencies: [
        "FOTAReport", "FOTASimulator", "FOTAHistory", "FOTAPlan", "FOTAMail", "FOTARender", "FOTAModel",
        "FOTACollect",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strict
    ),
    // The job: wires the stages together.
    .target(
      name: "FOTAReport",
      dependencies: [
        "ThingSpaceAPI", "FOTAFleet", "FOTACollect", "FOTANormalise", "FOTAAggregate", "FOTARender",
        "FOTAPublish", "FOTASimulator", "FOTAHistory", "FOTAPlan", "FOTAMail", "FOTAModel",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ],
      swiftSettings: strict
    ),
    // Types and rules every stage shares.
    .target(name: "FOTAModel", swiftSettings: strict),
    // Wire format of the ThingSpace FOTA API.
    .target(name: "ThingSpaceAPI", swiftSettings: strict),
    // The deterministic synthetic fleet shared by the demo, the tests and the simulator.
    .target(name: "FOTAFleet", dependencies: ["ThingSpaceAPI", "FOTANormalise"], swiftSettings: strict),
    // Stage 1: collect pages.
    .target(
      name: "FOTACollect",
      dependencies: [
        "ThingSpaceAPI", "FOTAFleet", "FOTAModel", .product(name: "Logging", package: "swift-log"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ],
      swiftSettings: strict
    ),
    // The in-repo ThingSpace: the synthetic fleet over HTTP, with real auth and faults.
    .target(
      name: "FOTASimulator",
      dependencies: [
        "ThingSpaceAPI", "FOTAFleet", .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strict
    ),
    // Stage 2: normalise devices.
    .target(name: "FOTANormalise", dependencies: ["ThingSpaceAPI"], swiftSettings: strict),
    // Stage 3: aggregate.
    .target(name: "FOTAAggregate", dependencies: ["FOTANormalise"], swiftSettings: strict),
    // Stage 4: render.
    .target(
      name: "FOTARender",
      dependencies: [
        "FOTAAggregate", "FOTAPlan", "FOTAXML", .product(name: "Mustache", package: "swift-mustache"),
      ],
      swiftSettings: strict
    ),
    // Night-to-night history in SQLite.
    .target(
      name: "FOTAHistory",
      dependencies: ["FOTAAggregate", "FOTANormalise", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: strict
    ),
    // Upgrade planning: paths, funnel, cohorts, campaign files.
    .target(
      name: "FOTAPlan", dependencies: ["FOTAAggregate", "FOTANormalise", "ThingSpaceAPI"],
      swiftSettings: strict),
    // The e-mailed summary: MIME message, sendmail and SMTP delivery.
    .target(
      name: "FOTAMail",
      dependencies: [
        "FOTARender", "FOTAPlan", "FOTAModel", .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ],
      swiftSettings: strict),
    // Stage 5: publish atomically.
    .target(name: "FOTAPublish", dependencies: ["FOTAModel"], swiftSettings: strict),
    // The one Swift owner of libxml2 pointers.
    .target(name: "FOTAXML", dependencies: ["CLibXML2"], swiftSettings: strict),
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // Test helpers: golden files, binary runner, temporary folders.
    .target(
      name: "FOTATestSupport",
      dependencies: [
        "FOTAReport", "FOTASimulator", "FOTAFleet", .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strict
    ),
    .testTarget(
      name: "FOTAReportTests",
      dependencies: [
        "FOTATestSupport", "FOTAReport", "FOTAXML", "FOTASimulator", "ThingSpaceAPI", "FOTACollect",
        "FOTAHistory", "FOTAPlan", "FOTAMail", "FOTAModel", "FOTAPublish",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "PropertyBased", package: "swift-property-based"),
        .product(name: "CSV", package: "CSV.swift"),
      ],
      swiftSettings: strict
    ),
  ]
)

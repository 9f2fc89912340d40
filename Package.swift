// swift-tools-version:6.2
import PackageDescription

/// Our own targets build in Swift 6 language mode with every warning an error, with the upcoming
/// features that make dependencies explicit: `any` on every existential, and members visible only
/// from modules a file imports.
let strict: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .treatAllWarnings(as: .error),
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let mustache = Target.Dependency.product(name: "Mustache", package: "swift-mustache")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let httpClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioHTTP1 = Target.Dependency.product(name: "NIOHTTP1", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let nioSSL = Target.Dependency.product(name: "NIOSSL", package: "swift-nio-ssl")
let postgres = Target.Dependency.product(name: "PostgresNIO", package: "postgres-nio")

let package = Package(
  name: "fota-report",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "fota-report", targets: ["fota-report"]),
    .executable(name: "thingspace-simulator", targets: ["thingspace-simulator"]),
    // What reads the API's text, for the fuzz targets in Fuzz/.
    .library(name: "FOTADecoding", targets: ["FOTAModel", "ThingSpaceAPI", "FOTANormalise"]),
    // The stages as a library, for the benchmarks in Benchmarks/.
    .library(
      name: "FOTAReportLibraries",
      targets: [
        "FOTAModel", "ThingSpaceAPI", "FOTAFleet", "FOTANormalise", "FOTANightDevices", "FOTAPlan",
        "FOTACollect",
        "FOTAHistory", "FOTARender", "FOTAJob", "ThingSpaceReferenceDecoding",
      ]),
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
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    // The nightly command: subcommands, option groups, logging; it maps outcomes to exit codes.
    .executableTarget(
      name: "fota-report",
      dependencies: [
        "FOTAJob", "FOTACollect", "FOTAConfig", "FOTAHistory", "FOTAMail", "FOTAModel", "FOTANormalise",
        "FOTAPlan", "FOTAPublish",
        "FOTARender", "ThingSpaceAPI", argumentParser, logging,
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
      ],
      swiftSettings: strict),
    // The in-repo ThingSpace as a command: the live path without the real API.
    .executableTarget(
      name: "thingspace-simulator",
      dependencies: ["FOTASimulator", "FOTAFleet", "FOTAModel", argumentParser, logging],
      swiftSettings: strict),

    // The job: the stages in the order data flows.
    .target(
      name: "FOTAJob",
      dependencies: [
        "FOTAModel", "FOTANightDevices", "FOTACollect", "FOTAHistory", "FOTAMail", "FOTAPlan", "FOTAPublish",
        "FOTARender", "ThingSpaceAPI", logging,
      ],
      swiftSettings: strict),
    // The config file of many accounts (run --config): TOML read into each account's run options.
    .target(
      name: "FOTAConfig", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")], swiftSettings: strict
    ),
    // Types and rules every stage shares.
    .target(name: "FOTAModel", swiftSettings: strict),
    // Wire format of the ThingSpace FOTA API, and the page decoder.
    .target(name: "ThingSpaceAPI", dependencies: ["FOTAModel"], swiftSettings: strict),
    // Foundation's JSONDecoder reading pages: the reference the page decoder is checked against,
    // for tests and benchmarks only (never linked into fota-report).
    .target(name: "ThingSpaceReferenceDecoding", dependencies: ["ThingSpaceAPI"], swiftSettings: strict),
    // Stage 1: collect pages (and, per device, normalise, plan, aggregate).
    .target(
      name: "FOTACollect",
      dependencies: [
        "FOTAModel", "ThingSpaceAPI", "FOTANormalise", "FOTANightDevices", "FOTAPlan", "FOTAFleet", logging,
        httpClient, nioCore, nioHTTP1, nioPosix,
      ],
      swiftSettings: strict),
    // Stage 2: normalise devices; the upgradeTime parser.
    .target(name: "FOTANormalise", dependencies: ["FOTAModel", "ThingSpaceAPI"], swiftSettings: strict),
    // Stage 4: aggregate, de-duplicate; the device spool and the per-device sinks.
    .target(name: "FOTANightDevices", dependencies: ["FOTAModel"], swiftSettings: strict),
    // Stage 3: plan each device against the firmware list; the campaign planner.
    .target(name: "FOTAPlan", dependencies: ["FOTAModel", "ThingSpaceAPI"], swiftSettings: strict),
    // Stage 5: compare with the history, record the night as pending, mark it published (SQLite).
    .target(
      name: "FOTAHistory",
      dependencies: ["FOTAModel", "FOTANightDevices", grdb, postgres, nioCore, nioSSL, logging],
      swiftSettings: strict),
    // Stage 6: render, once the night is recorded: one ReportOutput per format (CSV, HTML, XML,
    // report.xlsx, campaign files, run.json).
    .target(
      name: "FOTARender",
      dependencies: [
        "FOTAModel", "ThingSpaceAPI", "FOTANightDevices", "FOTAPlan", "FOTAXML", "FOTAXLSX", mustache,
      ],
      swiftSettings: strict),
    // Stage 7: publish atomically.
    .target(name: "FOTAPublish", dependencies: ["FOTAModel", "CFileExchange"], swiftSettings: strict),
    // Stage 8: the e-mailed summary (composed with the report, delivered after it is published).
    .target(
      name: "FOTAMail",
      dependencies: ["FOTAModel", "FOTAPlan", "FOTARender", mustache, nioCore, nioPosix, nioSSL],
      swiftSettings: strict),
    // The deterministic synthetic fleet of the demo, the simulator and the tests.
    .target(name: "FOTAFleet", dependencies: ["FOTAModel", "ThingSpaceAPI"], swiftSettings: strict),
    // The in-repo ThingSpace over HTTP (Hummingbird): the simulator command and the end-to-end tests only.
    .target(
      name: "FOTASimulator",
      dependencies: [
        "ThingSpaceAPI", "FOTAFleet", "FOTAModel", .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"), logging,
      ],
      swiftSettings: strict),
    // The one Swift owner of libxml2 pointers, and its C shim.
    .target(name: "FOTAXML", dependencies: ["CLibXML2"], swiftSettings: strict),
    .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    // The one owner of libxlsxwriter's pointers (report.xlsx), and its headers.
    .target(name: "FOTAXLSX", dependencies: ["CLibXLSXWriter"], swiftSettings: strict),
    .systemLibrary(name: "CLibXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
    // renameat2(RENAME_EXCHANGE) for the atomic swap.
    .target(name: "CFileExchange"),

    // Test helpers: fixtures, golden files, the binary runner, the simulator and helper processes.
    .target(
      name: "FOTATestSupport",
      dependencies: [
        "FOTAJob", "FOTAHistory", "FOTASimulator", "FOTAFleet", "FOTACollect", "ThingSpaceAPI", logging,
        .product(name: "CSV", package: "CSV.swift"),
      ],
      swiftSettings: strict),
    // Tier 1: pure functions and single stages; no files, no processes.
    .testTarget(
      name: "FOTAUnitTests",
      dependencies: [
        "FOTATestSupport", "FOTAModel", "ThingSpaceAPI", "FOTANormalise", "FOTANightDevices", "FOTAPlan",
        "FOTARender", "FOTAPublish",
        "FOTACollect", "FOTAMail", "FOTAFleet", "FOTAHistory", "ThingSpaceReferenceDecoding", grdb,
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      swiftSettings: strict),
    // Tier 2: whole nights in process through the in-process source.
    .testTarget(
      name: "FOTAJobTests",
      dependencies: [
        "FOTATestSupport", "FOTAJob", "FOTAModel", "FOTACollect", "FOTAFleet", "FOTAHistory", "FOTAPlan",
        "FOTAPublish", "FOTARender", "FOTANightDevices", "FOTAMail", "FOTANormalise", "FOTAXML",
        "ThingSpaceAPI",
        grdb,
        logging,
        .product(name: "CSV", package: "CSV.swift"),
      ],
      swiftSettings: strict),
    // Tier 3: HTTP against the simulator, the binaries, SMTP, killed runs.
    .testTarget(
      name: "FOTAEndToEndTests",
      dependencies: [
        "FOTATestSupport", "FOTAJob", "FOTAModel", "FOTACollect", "FOTAFleet", "FOTASimulator", "FOTAHistory",
        "FOTAMail", "FOTAPlan", "FOTAPublish", "FOTARender", "ThingSpaceAPI", httpClient, logging,
        postgres,
      ],
      swiftSettings: strict),
  ]
)

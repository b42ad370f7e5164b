// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Brogue",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "brogue", targets: ["brogue"]),
        .library(name: "BrogueCore", targets: ["BrogueCore"]),
        .library(name: "BrogueContent", targets: ["BrogueContent"]),
        .library(name: "BrogueStore", targets: ["BrogueStore"]),
        .library(name: "BrogueTerminal", targets: ["BrogueTerminal"]),
        .library(name: "BrogueUI", targets: ["BrogueUI"]),
        .library(name: "CBroguePlugin", targets: ["CBroguePlugin"]),
        .library(name: "BroguePluginHost", targets: ["BroguePluginHost"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        // The rules: imports nothing of ours, does no I/O, reads no clock.
        .target(name: "BrogueCore", swiftSettings: swiftSettings),
        // YAML content -> validated catalogs for BrogueCore, with file:line:column diagnostics.
        .target(
            name: "BrogueContent",
            dependencies: ["BrogueCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // Persistence: games (seed + action log), scores; SQLite through GRDB.
        .target(
            name: "BrogueStore",
            dependencies: ["BrogueCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // Draws frames of cells on a real terminal and reads keys; knows frames, not rules, so it imports nothing of ours.
        .target(name: "BrogueTerminal", swiftSettings: swiftSettings),
        // Screens and play logic shared by front ends: key names -> actions, game -> frames.
        .target(name: "BrogueUI", dependencies: ["BrogueCore", "BrogueTerminal"], swiftSettings: swiftSettings),
        // The plugin ABI: one C header, versioned, append-only. The one public contract for native plugins.
        .target(name: "CBroguePlugin", path: "Sources/CBroguePlugin"),
        // libffi, for calling plugin functions declared in plugin.yaml `natives:`.
        .systemLibrary(name: "CFFI", path: "Sources/CFFI", pkgConfig: "libffi", providers: [.apt(["libffi-dev"])]),
        // dlopen, ABI check, registrations and libffi natives for native plugins; loads a plugin set (content + libraries).
        .target(
            name: "BroguePluginHost",
            dependencies: ["CBroguePlugin", "CFFI", "BrogueContent"],
            path: "Sources/BroguePluginHost",
            swiftSettings: swiftSettings
        ),
        // The host executable: argument parsing and wiring only.
        .executableTarget(
            name: "brogue",
            dependencies: [
                "BrogueCore",
                "BrogueContent",
                "BrogueStore",
                "BrogueTerminal",
                "BrogueUI",
                "BroguePluginHost",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Test helper for BrogueStoreTests: appends actions until it is killed (crash safety).
        .executableTarget(
            name: "brogue-store-crasher",
            dependencies: ["BrogueStore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "BrogueCoreTests", dependencies: ["BrogueCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BrogueContentTests",
            dependencies: ["BrogueContent", "BrogueCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BrogueStoreTests",
            dependencies: [
                "BrogueStore",
                "BrogueCore",
                "BrogueContent",
                "brogue-store-crasher",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "BrogueTerminalTests", dependencies: ["BrogueTerminal"], swiftSettings: swiftSettings),
        .testTarget(name: "BrogueUITests", dependencies: ["BrogueUI", "BrogueCore", "BrogueContent"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BroguePluginHostTests",
            dependencies: ["BroguePluginHost", "BrogueContent", "BrogueCore"],
            path: "Tests/BroguePluginHostTests",
            swiftSettings: swiftSettings
        ),
        // Drives the real `brogue` binary in child processes.
        .testTarget(name: "BrogueCLITests", dependencies: ["brogue", "BrogueCore", "BrogueContent"], swiftSettings: swiftSettings),
    ]
)

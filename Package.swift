// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// Linux only, so no `platforms:`: BrogueTerminal calls Glibc (termios, sigaction with Glibc's
// field names) directly, and no Darwin build is tested.
let package = Package(
    name: "Brogue",
    products: [
        .executable(name: "brogue", targets: ["brogue"]),
        .library(name: "BrogueCore", targets: ["BrogueCore"]),
        .library(name: "BrogueContent", targets: ["BrogueContent"]),
        .library(name: "BrogueStore", targets: ["BrogueStore"]),
        .library(name: "BrogueTerminal", targets: ["BrogueTerminal"]),
        .library(name: "BrogueUI", targets: ["BrogueUI"]),
        .library(name: "CBroguePlugin", targets: ["CBroguePlugin"]),
        .library(name: "BroguePluginHost", targets: ["BroguePluginHost"]),
        // Swift types over the plugin ABI, for plugins written in Swift.
        .library(name: "BroguePluginKit", targets: ["BroguePluginKit"]),
        // The Swift example plugin: a shared library the host dlopens.
        .library(name: "ExampleSwift", type: .dynamic, targets: ["ExampleSwift"]),
        // Networked node: wire messages, and the node that serves them.
        .library(name: "BrogueProtocol", targets: ["BrogueProtocol"]),
        .library(name: "BrogueNode", targets: ["BrogueNode"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        // Networked node: HTTP and WebSocket server, graceful shutdown, logs, metrics.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        // Node accounts: bcrypt password hashes, SHA-256 of session tokens.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        // The rules: imports nothing of ours, does no I/O, reads no clock.
        // The rules are optimised even in debug builds: the test suite checks level invariants
        // over 1,000 seeds x 26 depths and plays thousands of bot turns, which unoptimised
        // code runs 30-60 times slower. Everything else stays a plain debug build.
        .target(name: "BrogueCore", swiftSettings: swiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]),
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
        // dlopen, ABI check, registrations and libffi natives for native plugins; loads a plugin set (content + libraries);
        // bridges registrations to the rules' extension points.
        .target(
            name: "BroguePluginHost",
            dependencies: ["BrogueCore", "CBroguePlugin", "CFFI", "BrogueContent"],
            path: "Sources/BroguePluginHost",
            swiftSettings: swiftSettings
        ),
        // Swift types over the C ABI; imports only CBroguePlugin, so plugins outside this repository can use it.
        .target(name: "BroguePluginKit", dependencies: ["CBroguePlugin"], path: "Sources/BroguePluginKit", swiftSettings: swiftSettings),
        // The Swift example plugin. `Plugins/` is also SwiftPM's package-plugin folder, hence the explicit path.
        .target(name: "ExampleSwift", dependencies: ["BroguePluginKit"], path: "Plugins/ExampleSwift/Sources", swiftSettings: swiftSettings),
        // Networked node: versioned JSON wire messages and frame diffs; no NIO.
        .target(name: "BrogueProtocol", dependencies: ["BrogueTerminal"], swiftSettings: swiftSettings),
        // Networked node: HTTP + WebSocket gateway, one actor per hosted game, metrics, drain.
        .target(
            name: "BrogueNode",
            dependencies: [
                "BrogueCore",
                "BrogueContent",
                "BrogueStore",
                "BrogueTerminal",
                "BrogueUI",
                "BrogueProtocol",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
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
                "BrogueProtocol",  // `brogue connect`
                "BrogueNode",  // `brogue node`
                // `brogue node`: its logs, and the drain on SIGTERM.
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
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
        .testTarget(name: "BrogueProtocolTests", dependencies: ["BrogueProtocol", "BrogueTerminal"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BrogueNodeTests",
            dependencies: [
                "BrogueNode",
                "BrogueProtocol",
                "BrogueCore",
                "BrogueContent",
                "BrogueStore",
                "brogue",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Drives the real `brogue` binary in child processes.
        .testTarget(
            name: "BrogueCLITests",
            dependencies: ["brogue", "BrogueCore", "BrogueContent", "BroguePluginHost"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)

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
        .library(name: "BrogueStorePostgres", targets: ["BrogueStorePostgres"]),
        .library(name: "BrogueFrame", targets: ["BrogueFrame"]),
        .library(name: "BrogueTerminal", targets: ["BrogueTerminal"]),
        .library(name: "BrogueUI", targets: ["BrogueUI"]),
        .library(name: "BroguePluginHost", targets: ["BroguePluginHost"]),
        // The Swift example plugin: a shared library the host dlopens.
        .library(name: "ExampleSwift", type: .dynamic, targets: ["ExampleSwift"]),
        // Wire messages, the node that serves them, and its clients.
        .library(name: "BrogueProtocol", targets: ["BrogueProtocol"]),
        .library(name: "BrogueNode", targets: ["BrogueNode"]),
        .library(name: "BrogueClient", targets: ["BrogueClient"]),
        .library(name: "BrogueRecording", targets: ["BrogueRecording"]),
        // A NATS client on SwiftNIO, for the node's cluster mode.
        .library(name: "BrogueNATS", targets: ["BrogueNATS"]),
        // The decoders of hostile input as functions of bytes, for the fuzzers in Fuzz/.
        .library(name: "BrogueFuzzTargets", targets: ["BrogueFuzzTargets"]),
    ],
    dependencies: [
        // The plugin ABI header and BroguePluginKit: a package of their own, which plugins outside this repository depend on.
        .package(path: "PluginKit"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        // The networked node.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        // HTTP types over NIO's HTTP/1: the node's own HTTP channel with its WebSocket upgrade.
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        // Node accounts: bcrypt password hashes, SHA-256 of session tokens.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        // The shared store of a cluster: PostgreSQL, with TLS through NIOSSL.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // The rules: imports nothing of ours, does no I/O, reads no clock.
        // The rules are optimised even in debug builds: the test suite checks level invariants
        // over 1,000 seeds x 26 depths and plays thousands of bot turns, which unoptimised
        // code runs 30-60 times slower. Everything else stays a plain debug build.
        .target(name: "BrogueCore", swiftSettings: swiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // The system's libyaml (pkg-config yaml-0.1), whose event API BrogueContent's composer reads.
        .systemLibrary(
            name: "CLibYAML",
            path: "Sources/CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // glibc's malloc.h (mallinfo2), which Swift's Glibc module leaves out: the node's heap metrics.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        // YAML content -> validated catalogs for BrogueCore, with file:line:column diagnostics.
        .target(name: "BrogueContent", dependencies: ["BrogueCore", "CLibYAML"], swiftSettings: swiftSettings),
        // Persistence: games (seed + action log), scores; SQLite through GRDB.
        .target(
            name: "BrogueStore",
            dependencies: ["BrogueCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // The same store protocols on a PostgreSQL server, for nodes that share one store.
        .target(
            name: "BrogueStorePostgres",
            dependencies: [
                "BrogueStore",
                "BrogueCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Frames of cells and their colours: what the UI composes, the terminal draws and the protocol sends. Imports nothing.
        .target(name: "BrogueFrame", swiftSettings: swiftSettings),
        // Draws frames on a real terminal and reads keys; knows frames, not rules.
        .target(name: "BrogueTerminal", dependencies: ["BrogueFrame"], swiftSettings: swiftSettings),
        // Screens and play logic shared by front ends: key names -> actions, game -> frames.
        .target(name: "BrogueUI", dependencies: ["BrogueCore", "BrogueFrame"], swiftSettings: swiftSettings),
        // Recorded games: start, record each action, resume by replay, finish; the one way the terminal and the node do it.
        .target(name: "BrogueRecording", dependencies: ["BrogueCore", "BrogueContent", "BrogueStore", "BrogueUI"], swiftSettings: swiftSettings),
        // libffi, for calling plugin functions declared in plugin.yaml `natives:`.
        .systemLibrary(name: "CFFI", path: "Sources/CFFI", pkgConfig: "libffi", providers: [.apt(["libffi-dev"])]),
        // dlopen, ABI check, registrations and libffi natives for native plugins; loads a plugin set (content + libraries);
        // bridges registrations to the rules' extension points.
        .target(
            name: "BroguePluginHost",
            dependencies: ["BrogueCore", .product(name: "CBroguePlugin", package: "PluginKit"), "CFFI", "BrogueContent"],
            path: "Sources/BroguePluginHost",
            swiftSettings: swiftSettings
        ),
        // The Swift example plugin. `Plugins/` is also SwiftPM's package-plugin folder, hence the explicit path.
        .target(
            name: "ExampleSwift",
            dependencies: [.product(name: "BroguePluginKit", package: "PluginKit")],
            path: "Plugins/ExampleSwift/Sources",
            swiftSettings: swiftSettings
        ),
        // Versioned JSON wire messages and frame diffs, shared by node and clients; no NIO.
        .target(name: "BrogueProtocol", dependencies: ["BrogueFrame"], swiftSettings: swiftSettings),
        // The networked node: HTTP + WebSocket gateway, one actor per hosted game, accounts, metrics, drain.
        .target(
            name: "BrogueNode",
            dependencies: [
                "BrogueCore",
                "BrogueContent",
                "BrogueStore",
                "BrogueFrame",
                "BrogueUI",
                "BrogueRecording",
                "BrogueProtocol",
                "BrogueNATS",
                "CMalloc",
                .product(name: "Hummingbird", package: "hummingbird"),
                // Its child channel protocol, which the node wraps to refuse and time out connections early.
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                // The upgraded connection's frames, decoded and encoded on the event loop (`MessageChannelHandler`).
                .product(name: "NIOWebSocket", package: "swift-nio"),
                // `NodeChannel`: the HTTP/1 pipeline with the upgrade, and HTTP types over it.
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                // The lock for shared state: a pthread mutex, which ThreadSanitizer models
                // (it does not model Synchronization.Mutex's futex on Linux).
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                // NodeExecutor: Swift's tasks on NIO's event loops.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The browser client's HTML, JavaScript and CSS, compiled into the binary as byte arrays
            // (`PackageResources`), so an installed `brogue` needs no resource folder beside it.
            resources: [
                .embedInCode("Web/Client/index.html"), .embedInCode("Web/Client/app.js"), .embedInCode("Web/Client/app.css"),
            ],
            swiftSettings: swiftSettings
        ),
        // Clients of a node: `brogue connect`'s remote game, session files, the load tool. Not the gateway.
        .target(
            name: "BrogueClient",
            dependencies: [
                "BrogueFrame",
                "BrogueProtocol",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // A NATS client (core protocol, headers, request-reply, reconnect over a server list); knows nothing of the game.
        .target(
            name: "BrogueNATS",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
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
                "BrogueStorePostgres",
                "BrogueFrame",
                "BrogueTerminal",
                "BrogueUI",
                "BrogueRecording",
                "BroguePluginHost",
                "BrogueProtocol",
                "BrogueClient",
                "BrogueNode",
                "BrogueNATS",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // The decoders of hostile input (content YAML, settings file, client messages, game
        // export files) as functions of bytes: Fuzz/ links them into libFuzzer executables, and
        // BrogueFuzzTargetsTests feeds them the seed corpus and every finding.
        .target(
            name: "BrogueFuzzTargets",
            dependencies: ["BrogueContent", "BrogueProtocol", "BrogueStore", "BrogueUI"],
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
                "BrogueStorePostgres",
                "BrogueCore",
                "BrogueContent",
                "brogue-store-crasher",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "BrogueFrameTests", dependencies: ["BrogueFrame"], swiftSettings: swiftSettings),
        .testTarget(name: "BrogueTerminalTests", dependencies: ["BrogueTerminal", "BrogueFrame"], swiftSettings: swiftSettings),
        .testTarget(name: "BrogueUITests", dependencies: ["BrogueUI", "BrogueCore", "BrogueContent", "BrogueFrame"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BrogueRecordingTests",
            dependencies: ["BrogueRecording", "BrogueStore", "BrogueUI", "BrogueCore", "BrogueContent"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BroguePluginHostTests",
            dependencies: ["BroguePluginHost", "BrogueContent", "BrogueCore"],
            path: "Tests/BroguePluginHostTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "BrogueFuzzTargetsTests", dependencies: ["BrogueFuzzTargets"], swiftSettings: swiftSettings),
        .testTarget(name: "BrogueProtocolTests", dependencies: ["BrogueProtocol", "BrogueFrame"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BrogueNodeTests",
            dependencies: [
                "BrogueNode",
                "BrogueNATS",
                "BrogueTestServers",
                "BrogueStorePostgres",
                "BrogueRecording",
                "BrogueClient",
                "BrogueProtocol",
                "BrogueFrame",
                "BrogueCore",
                "BrogueContent",
                "BrogueStore",
                "brogue",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Parser and encoder unit tests, and the client against real nats-server processes (a 3-node cluster too).
        // Real servers for tests: child processes (posix_spawn), their logs, nats-server on free ports.
        .target(
            name: "BrogueTestServers",
            dependencies: [.product(name: "NIOConcurrencyHelpers", package: "swift-nio")],
            path: "Tests/Support/BrogueTestServers",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BrogueNATSTests",
            dependencies: [
                "BrogueNATS",
                "BrogueTestServers",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Reads docs/architecture.md's module table and every import in the sources; depends on nothing.
        .testTarget(name: "BrogueArchitectureTests", swiftSettings: swiftSettings),
        // Drives the real `brogue` binary in child processes.
        .testTarget(
            name: "BrogueCLITests",
            dependencies: ["brogue", "BrogueCore", "BrogueContent", "BroguePluginHost", "BrogueStore", "BrogueStorePostgres", "BrogueTestServers"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)

// swift-tools-version:6.1
// The plugin kit: the C ABI header every native plugin builds against, and BroguePluginKit, its Swift
// wrapper. A package of its own, with no dependencies and no unsafe flags, so a Swift plugin outside
// this repository depends on it alone and builds in seconds (see docs/plugins.md).
import PackageDescription

let package = Package(
    name: "BroguePluginKit",
    products: [
        .library(name: "CBroguePlugin", targets: ["CBroguePlugin"]),
        .library(name: "BroguePluginKit", targets: ["BroguePluginKit"]),
    ],
    targets: [
        // The plugin ABI: one C header, versioned, append-only. The one public contract for native plugins.
        .target(name: "CBroguePlugin"),
        // Swift types over the C ABI, for plugins written in Swift.
        .target(
            name: "BroguePluginKit",
            dependencies: ["CBroguePlugin"],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        ),
    ]
)

// swift-tools-version:6.1
import PackageDescription

// libFuzzer executables over BrogueFuzzTargets, one per decoder of hostile input. A package of
// its own, so the game's builds never compile them: build and run them with scripts/fuzz.sh,
// which passes `--sanitize fuzzer --sanitize address` (every module, ours and the packages',
// is then instrumented, and libFuzzer supplies `main`).
let targets = ["content", "config", "protocol", "import"]

let package = Package(
    name: "BrogueFuzz",
    dependencies: [.package(name: "Brogue", path: "..")],
    targets: targets.map { name in
        .executableTarget(
            name: "fuzz-\(name)",
            dependencies: [.product(name: "BrogueFuzzTargets", package: "Brogue")],
            path: "Sources/fuzz-\(name)",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    }
)

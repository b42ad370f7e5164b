import BroguePluginHost
import Foundation
import Testing

/// Compiles C plugins at test time with `cc -shared -fPIC`, using only the installed header.
enum CPluginBuilder {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let includeDir = repoRoot.appendingPathComponent("PluginKit/Sources/CBroguePlugin/include").path
    static let exampleSource = repoRoot.appendingPathComponent("Plugins/ExampleC/Sources/example_c.c")

    /// The C compiler (`cc`, else the `clang` every Swift toolchain ships), or nil after printing why
    /// outside CI; in CI (`CI=true`) its absence is a failure.
    static func compiler() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["cc", "clang"] {
            for dir in path.split(separator: ":") {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("neither cc nor clang is installed; CI must have a C compiler to build test plugins")
        } else {
            print("skipping: neither cc nor clang is installed, so C test plugins cannot be built")
        }
        return nil
    }

    static func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-plugin-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes `source` to `<dir>/<name>.c` and builds `<dir>/lib<name>.so`; returns the library path.
    static func build(_ name: String, source: String, in dir: URL, cc: String) throws -> String {
        let file = dir.appendingPathComponent("\(name).c")
        try source.write(to: file, atomically: true, encoding: .utf8)
        return try build(file: file, name: name, in: dir, cc: cc)
    }

    static func build(file: URL, name: String, in dir: URL, cc: String) throws -> String {
        let output = dir.appendingPathComponent("lib\(name).so").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cc)
        process.arguments = ["-shared", "-fPIC", "-Wall", "-Werror", "-I", includeDir, "-o", output, file.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CompileFailure(message: "cc failed for \(name): \(text)")
        }
        return output
    }

    struct CompileFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// A minimal plugin: its ABI answer, and the body of its init (with `host`, `registrar`, `error`, `error_len` in scope).
    static func plugin(major: String = "BROGUE_PLUGIN_ABI_MAJOR", minor: String = "BROGUE_PLUGIN_ABI_MINOR", initBody: String?) -> String {
        var source = """
            #include <brogue_plugin.h>
            #include <stdio.h>

            BROGUE_PLUGIN_EXPORT brogue_abi_version brogue_plugin_abi(void) {
                brogue_abi_version v = {\(major), \(minor)};
                return v;
            }

            __attribute__((unused)) static brogue_status wait_act(const brogue_host_api *host, brogue_game *game, brogue_point monster, brogue_intent *intent) {
                (void)host; (void)game; (void)monster;
                intent->kind = BROGUE_INTENT_WAIT;
                return BROGUE_STATUS_OK;
            }

            """
        if let initBody {
            source += """
                BROGUE_PLUGIN_EXPORT brogue_status brogue_plugin_init(const brogue_host_api *host, brogue_registrar *registrar, char *error, size_t error_len) {
                    (void)host; (void)registrar; (void)error; (void)error_len;
                \(initBody)
                }

                """
        } else {
            source += "/* no brogue_plugin_init */\n"
        }
        return source
    }

    /// An init that registers one waiting behaviour called `name`.
    static func registering(_ name: String) -> String {
        """
            brogue_monster_behavior b = {sizeof b, "\(name)", wait_act};
            return registrar->register_monster_behavior(registrar->state, &b);
        """
    }
}

/// A fixed game for callbacks: depth 3, player at (5, 5) with 20 hp, walls only off the map, random draws scripted.
final class FixedGame: PluginGameContext {
    var draws: [Int32]
    var depth: Int32 { 3 }
    var playerPosition: PluginPoint { PluginPoint(x: 5, y: 5) }
    var playerHP: Int32 { 20 }

    init(draws: [Int32] = []) { self.draws = draws }

    func terrainFlags(at cell: PluginPoint) -> PluginTerrainFlags {
        (0..<10).contains(cell.x) && (0..<10).contains(cell.y) ? [] : .outOfBounds
    }

    func randomBelow(_ bound: Int32) -> Int32 {
        draws.isEmpty ? 0 : draws.removeFirst() % bound
    }
}

/// Captures plugin log lines for the test that asks.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    static let shared: LogLines = {
        let log = LogLines()
        PluginLog.setHandler { _, message in log.append(message) }
        return log
    }()

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    func contains(_ text: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return lines.contains { $0.contains(text) }
    }
}

import Foundation
import Testing

/// Builds the C example plugin into a folder of its own at test time (`cc -shared -fPIC`), as a
/// player would: its plugin.yaml beside the library it names.
enum ExamplePlugin {
    /// `cc`, else the toolchain's `clang`; nil (after saying why) when there is neither, outside CI.
    static func compiler() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["cc", "clang"] {
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") { return "\(dir)/\(name)" }
        }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("neither cc nor clang is installed; CI must have a C compiler to build test plugins")
        } else {
            print("skipping: neither cc nor clang is installed, so the C example plugin cannot be built")
        }
        return nil
    }

    /// `<dir>/alchemy/` holding the example's plugin.yaml, content and libexample_c.so.
    static func build(in dir: URL, cc: String) throws -> URL {
        let folder = dir.appendingPathComponent("alchemy")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let example = BrogueProcess.repoRoot.appendingPathComponent("Plugins/ExampleC")
        try FileManager.default.copyItem(at: example.appendingPathComponent("plugin.yaml"), to: folder.appendingPathComponent("plugin.yaml"))
        try FileManager.default.copyItem(at: example.appendingPathComponent("content"), to: folder.appendingPathComponent("content"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: cc)
        p.arguments = [
            "-shared", "-fPIC", "-I", BrogueProcess.repoRoot.appendingPathComponent("PluginKit/Sources/CBroguePlugin/include").path,
            "-o", folder.appendingPathComponent("libexample_c.so").path, example.appendingPathComponent("Sources/example_c.c").path,
        ]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return folder
    }
}

import Foundation
import Testing

@Suite struct PluginCommandTests {
    @Test func sdkPrintsTheHeaderAndACompileLineThatWorks() throws {
        let out = try BrogueProcess.run(["plugin", "sdk"])
        #expect(out.status == 0, "\(out.stderr)")
        let include = BrogueProcess.repoRoot.appendingPathComponent("Sources/CBroguePlugin/include").standardizedFileURL.path
        #expect(out.stdout.contains("header:   \(include)/brogue_plugin.h"), "\(out.stdout)")
        #expect(out.stdout.contains("ABI 1.1"))
        #expect(out.stdout.contains("cc -shared -fPIC -O2 -I \(include) -o libmyplugin.so myplugin.c"))

        let only = try BrogueProcess.run(["plugin", "sdk", "--include-dir"])
        #expect(only.stdout == include + "\n")
    }

    @Test func sdkWithNoHeaderSaysWhereItLooked() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A copy of the binary far from the source tree, run from an empty folder.
        let binary = dir.appendingPathComponent("brogue")
        try FileManager.default.copyItem(at: BrogueProcess.binary, to: binary)
        let p = Process()
        p.executableURL = binary
        p.arguments = ["plugin", "sdk"]
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "BROGUE_SDK")
        p.environment = env
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
        #expect(text.contains("brogue_plugin.h not found"), "\(text)")
        #expect(text.contains("BROGUE_SDK"))
    }
}

import Foundation
import Testing

@Suite struct ConfigTests {
    @Test func aBadSettingsFileStopsTheGameWithItsPosition() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("brogue.yaml")
        try "keys:\n  serch: s\n".write(to: file, atomically: true, encoding: .utf8)
        let out = try BrogueProcess.run(["play", "--config", file.path, "--data", dir.path])
        #expect(out.status == 1)
        #expect(out.stderr.contains("brogue.yaml:2:3: error: unknown command 'serch'"), "\(out.stderr)")
        #expect(out.stderr.contains("did you mean 'search'"))
    }

    @Test func playingWithoutATerminalSaysWhatToDo() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try BrogueProcess.run(["play", "--data", dir.path], environment: ["XDG_CONFIG_HOME": dir.path, "HOME": dir.path])
        #expect(out.status == 1)
        #expect(out.stderr.contains("needs a terminal"), "\(out.stderr)")
        #expect(out.stderr.contains("brogue sim"))
    }
}

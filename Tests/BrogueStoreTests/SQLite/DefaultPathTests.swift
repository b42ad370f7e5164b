import BrogueStore
import Foundation
import Testing

@Suite struct DefaultPathTests {
    @Test func brogueDataDirWins() throws {
        let folder = TempFolder()
        let dir = folder.file("data")
        let path = try SQLiteGameStore.defaultPath(environment: ["BROGUE_DATA_DIR": dir, "XDG_DATA_HOME": folder.file("xdg"), "HOME": folder.path])
        #expect(path == dir + "/brogue.sqlite")
        #expect(FileManager.default.fileExists(atPath: dir), "the folder is created")
    }

    @Test func xdgDataHomeNext() throws {
        let folder = TempFolder()
        let path = try SQLiteGameStore.defaultPath(environment: ["BROGUE_DATA_DIR": "", "XDG_DATA_HOME": folder.file("xdg"), "HOME": folder.path])
        #expect(path == folder.file("xdg") + "/brogue/brogue.sqlite")
        #expect(FileManager.default.fileExists(atPath: folder.file("xdg/brogue")))
    }

    @Test func homeLast() throws {
        let folder = TempFolder()
        let path = try SQLiteGameStore.defaultPath(environment: ["XDG_DATA_HOME": "relative/not/allowed", "HOME": folder.path])
        #expect(path == folder.path + "/.local/share/brogue/brogue.sqlite")
        #expect(FileManager.default.fileExists(atPath: folder.file(".local/share/brogue")))
    }

    @Test func unusableFolderSaysSo() throws {
        let folder = TempFolder()
        try writeFile(folder.file("a-file"), Data())
        do {
            _ = try SQLiteGameStore.defaultPath(environment: ["BROGUE_DATA_DIR": folder.file("a-file/sub")])
            Issue.record("a folder under a file cannot be created")
        } catch {
            guard case .cannotOpen(let path, _) = error else { throw error }
            #expect(path == folder.file("a-file/sub/brogue.sqlite"))
            #expect(error.description.contains("BROGUE_DATA_DIR"))
        }
    }
}

import BrogueContent
import BrogueCore
import Foundation
import Testing

/// Finding a plugin's library and folding its bytes into the content hash.
@Suite("Plugin libraries")
struct PluginLibraryTests {
    private func native(_ temp: TempFolder, library: String = "libmod.so") -> String {
        temp.plugin("mod", extra: "library: \(library)\nabi: \"1.0\"\n")
    }

    @Test("the content hash covers each plugin's id, version and library bytes")
    func hashCoversLibrary() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let mod = native(temp)
        temp.write("mod/libmod.so", bytes: (0..<4099).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let first = try ContentLoader().load(plugins: [core, mod])
        let again = try ContentLoader().load(plugins: [core, mod])
        #expect(first.catalog.contentHash == again.catalog.contentHash)
        let library = try #require(first.plugins.last?.library)
        #expect(library.path == mod + "/libmod.so" && library.written == "libmod.so")

        var bytes = (0..<4099).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        bytes[4098] ^= 1
        temp.write("mod/libmod.so", bytes: bytes)
        let rebuilt = try ContentLoader().load(plugins: [core, mod])
        #expect(rebuilt.catalog.contentHash != first.catalog.contentHash)
        #expect(rebuilt.plugins.last?.library?.hash != library.hash)
        // The data alone is unchanged: only the set's hash moved.
        #expect(rebuilt.catalog.monsters.map(\.id) == first.catalog.monsters.map(\.id))

        let coreOnly = try ContentLoader().load(plugins: [core]).catalog.contentHash
        temp.write(
            "core/plugin.yaml",
            try String(contentsOfFile: core + "/plugin.yaml", encoding: .utf8).replacingOccurrences(of: "version: 1.0.0", with: "version: 1.0.1")
        )
        #expect(try ContentLoader().load(plugins: [core]).catalog.contentHash != coreOnly)
    }

    @Test("a missing library refuses its plugin with where it looked; validation only warns")
    func missing() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let mod = native(temp)
        let report = ContentLoader().load([
            PluginCandidate(folder: core, required: true, source: "a"), PluginCandidate(folder: mod, required: false, source: "b"),
        ])
        #expect(report.content?.manifests.map(\.id) == ["core"])
        let refusal = try #require(report.plugins.last?.refusal)
        #expect("\(refusal.line):\(refusal.column)" == "5:10")
        #expect(refusal.message == "library 'libmod.so' not found")
        #expect(refusal.hint?.hasPrefix("looked in \(mod)/libmod.so") == true)
        let warnings = ContentLoader().validate(paths: [mod], context: [PluginCandidate(folder: core, required: true, source: "a")])
        #expect(warnings.map(\.severity) == [.warning])
        #expect(warnings.first?.message.hasSuffix("; the plugin is refused until it is") == true)
    }

    @Test("a bare library name is also looked for in the package's .build/debug and .build/release; the newer wins")
    func developmentBuild() throws {
        let temp = TempFolder()
        temp.write("Package.swift", "// a package\n")
        let core = temp.copyCore()
        let mod = temp.plugin("Plugins/mod", extra: "library: libmod.so\nabi: \"1.0\"\n")
        temp.write("Plugins/mod/plugin.yaml", "id: mod\nname: mod\nversion: 0.1.0\ndepends: [core]\nlibrary: libmod.so\nabi: \"1.0\"\n")
        let debug = temp.write(".build/debug/libmod.so", "debug build")
        let release = temp.write(".build/release/libmod.so", "release build")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: release)
        #expect(try ContentLoader().load(plugins: [core, mod]).plugins.last?.library?.path == debug)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -7200)], ofItemAtPath: debug)
        #expect(try ContentLoader().load(plugins: [core, mod]).plugins.last?.library?.path == release)
        // A file in the plugin folder itself comes first.
        let local = temp.write("Plugins/mod/libmod.so", "local build")
        #expect(try ContentLoader().load(plugins: [core, mod]).plugins.last?.library?.path == local)
    }

    @Test("a library in the folder that links outside it is refused")
    func symlinkEscape() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let mod = native(temp)
        let outside = temp.write("elsewhere/libmod.so", "bytes")
        try FileManager.default.createSymbolicLink(atPath: mod + "/libmod.so", withDestinationPath: outside)
        let found = loadDiagnostics([core, mod]).filter { $0.severity == .error }
        #expect(found.count == 1)
        #expect(found.first?.file == mod + "/plugin.yaml" && found.first?.line == 5)
        #expect(found.first?.message.hasPrefix("library 'libmod.so' is a link to ") == true)
        #expect(found.first?.message.hasSuffix("outside the plugin folder") == true)
    }

    @Test("the host's link step refuses a plugin with its own reason; the others load")
    func linkRefusal() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let mod = native(temp)
        temp.write("mod/libmod.so", "not really a library")
        var asked: [String] = []
        let report = ContentLoader().load([
            PluginCandidate(folder: core, required: true, source: "a"), PluginCandidate(folder: mod, required: false, source: "b"),
        ]) { library in
            asked.append(library.pluginID)
            return "plugin 'mod' (\(library.path)): cannot load it as a shared library"
        }
        #expect(asked == ["mod"])
        #expect(report.content?.manifests.map(\.id) == ["core"])
        #expect(report.plugins.last?.refusal?.message == "plugin 'mod' (\(mod)/libmod.so): cannot load it as a shared library")
        #expect(report.plugins.last?.library?.hash != nil)
    }
}

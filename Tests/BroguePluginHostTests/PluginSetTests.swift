import BrogueContent
import BrogueCore
import BroguePluginHost
import Foundation
import Testing

/// Plugin folders with native libraries, loaded through the host: what was registered is reachable
/// from the result, and a library that cannot be loaded refuses only its plugin.
@Suite struct PluginSetTests {
    static let core = CPluginBuilder.repoRoot.appendingPathComponent("content/core").path

    /// A copy of the C example's folder with its library built into it.
    static func exampleFolder(in dir: URL, cc: String) throws -> String {
        let folder = dir.appendingPathComponent("alchemy")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: CPluginBuilder.repoRoot.appendingPathComponent("Plugins/ExampleC/plugin.yaml"),
            to: folder.appendingPathComponent("plugin.yaml")
        )
        try FileManager.default.copyItem(
            at: CPluginBuilder.repoRoot.appendingPathComponent("Plugins/ExampleC/content"),
            to: folder.appendingPathComponent("content")
        )
        _ = try CPluginBuilder.build(file: CPluginBuilder.exampleSource, name: "example_c", in: folder, cc: cc)
        return folder.path
    }

    func candidates(_ folders: [String]) -> [PluginCandidate] {
        [PluginCandidate(folder: Self.core, required: true, source: "content/")]
            + folders.map { PluginCandidate(folder: $0, required: false, source: "test") }
    }

    @Test func theCExampleLoadsFromItsFolderWithItsNativesReachable() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = try Self.exampleFolder(in: dir, cc: cc)
        let set = PluginSet.load(candidates([folder]))
        let content = try #require(set.content, "\(set.report.diagnostics)")
        #expect(content.manifests.map(\.id) == ["core", "alchemy"])  // alchemy depends on core
        let alchemy = try #require(set.native("alchemy"))
        #expect(set.natives.map(\.id) == ["alchemy"])
        #expect(alchemy.behaviours.map(\.qualifiedName) == ["alchemy.skittish"])
        #expect(alchemy.itemEffects.map(\.qualifiedName) == ["alchemy.brew"])
        #expect(try alchemy.native("brew-strength")?.call([.int32(3)]) == .int32(9))
        // Its item calls that native for its power.
        let brew = try #require(content.catalog.items.first { $0.id == "alchemists-brew" })
        #expect(brew.nativePower == NativeCall(native: "alchemy.brew-strength", arguments: [.depth]))
        let library = try #require(content.plugins.last?.library)
        #expect(library.path == folder + "/libexample_c.so")
        #expect(content.contentSet.last == ContentSetMember(id: "alchemy", version: "0.2.0", libraryHash: library.hash))
    }

    @Test func contentWithRulesAttachesEveryRegistrationAndTheProfilesStage() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let set = PluginSet.load(candidates([try Self.exampleFolder(in: dir, cc: cc)]))
        let plain = try #require(set.content)
        #expect(plain.catalog.extensions.isEmpty)
        let content = try #require(try set.contentWithRules())
        #expect(
            content.catalog.extensions.names == [
                "monster behaviour alchemy.skittish", "item effect alchemy.brew", "generator stage alchemy.flooded-ruins",
                "native alchemy.brew-strength",
            ]
        )
        #expect(content.catalog.generatorProfile(at: 5).stages == ["alchemy.flooded-ruins"], "the example's patch of 'standard'")
        #expect(content.catalog.contentHash != plain.catalog.contentHash)
    }

    @Test func aLibraryOfRandomBytesIsRefusedWithTheLoadersReasonAndTheRestLoads() throws {
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("junk")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "id: junk\nname: Junk\nversion: 0.1.0\nabi: \"1.0\"\nlibrary: libjunk.so\n".write(
            to: folder.appendingPathComponent("plugin.yaml"),
            atomically: true,
            encoding: .utf8
        )
        var rng = SystemRandomNumberGenerator()
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) }).write(to: folder.appendingPathComponent("libjunk.so"))
        let set = PluginSet.load(candidates([folder.path]))
        #expect(set.content?.manifests.map(\.id) == ["core"])
        #expect(set.natives.isEmpty)
        let refused = try #require(set.report.plugins.last)
        #expect(!refused.isLoaded)
        let message = refused.refusal?.message ?? ""
        #expect(message.hasPrefix("plugin 'junk' (\(folder.path)/libjunk.so): cannot load it as a shared library: "), "\(message)")
        #expect(refused.refusal?.file == folder.path + "/plugin.yaml" && refused.refusal?.line == 5)
    }

    @Test func aManifestABITheHostDoesNotSpeakIsRefusedBeforeTheLibraryIsOpened() throws {
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("future")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "id: future\nname: Future\nversion: 0.1.0\nabi: \"2.0\"\nlibrary: libfuture.so\n".write(
            to: folder.appendingPathComponent("plugin.yaml"),
            atomically: true,
            encoding: .utf8
        )
        // Not a library at all: opening it would fail differently.
        try Data("not a library".utf8).write(to: folder.appendingPathComponent("libfuture.so"))
        let set = PluginSet.load(candidates([folder.path]))
        #expect(
            set.report.plugins.last?.refusal?.message
                == "plugin 'future' (\(folder.path)/libfuture.so): plugin.yaml says it needs plugin ABI 2.0, but this host speaks ABI 1.3; rebuild it against this host's brogue_plugin.h and set 'abi: \"1.3\"'"
        )
    }

    @Test func aRequiredPluginThatIsRefusedStopsTheLoad() throws {
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("gone")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "id: gone\nname: Gone\nversion: 0.1.0\nabi: \"1.0\"\nlibrary: libgone.so\n".write(
            to: folder.appendingPathComponent("plugin.yaml"),
            atomically: true,
            encoding: .utf8
        )
        let set = PluginSet.load([
            PluginCandidate(folder: Self.core, required: true, source: "a"), PluginCandidate(folder: folder.path, required: true, source: "b"),
        ])
        #expect(set.content == nil)
        #expect(set.report.diagnostics.first?.message.hasPrefix("library 'libgone.so' not found") == true)
    }

    @Test func reloadingContentKeepsTheLoadedLibraryAndRefusesAChangedOne() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = try Self.exampleFolder(in: dir, cc: cc)
        let first = PluginSet.load(candidates([folder]))
        let same = first.reloadingContent(candidates([folder]))
        #expect(same.content?.catalog.contentHash == first.content?.catalog.contentHash)
        #expect(same.native("alchemy")?.behaviours.map(\.qualifiedName) == ["alchemy.skittish"])

        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/libexample_c.so"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0, 0, 0, 0]))
        try handle.close()
        let changed = first.reloadingContent(candidates([folder]))
        #expect(changed.natives.isEmpty)
        #expect(changed.content?.manifests.map(\.id) == ["core"])
        #expect(
            changed.report.plugins.last?.refusal?.message.hasSuffix(
                "the library changed since brogue started, and native code is never reloaded; restart brogue to load the new build"
            ) == true
        )
    }

    @Test func theManifestsTypeSetIsTheHostsTypeSet() {
        #expect(PluginNative.types == NativeType.allCases.map(\.rawValue))
    }
}

import BrogueContent
import Foundation
import Testing

@Suite struct PluginCommandTests {
    @Test func sdkPrintsTheHeaderAndACompileLineThatWorks() throws {
        let out = try BrogueProcess.run(["plugin", "sdk"])
        #expect(out.status == 0, "\(out.stderr)")
        let include = BrogueProcess.repoRoot.appendingPathComponent("PluginKit/Sources/CBroguePlugin/include").standardizedFileURL.path
        #expect(out.stdout.contains("header:   \(include)/brogue_plugin.h"), "\(out.stdout)")
        #expect(out.stdout.contains("ABI 1.3"))
        #expect(out.stdout.contains("cc -shared -fPIC -O2 -I \(include) -o libmyplugin.so myplugin.c"))

        let only = try BrogueProcess.run(["plugin", "sdk", "--include-dir"])
        #expect(only.stdout == include + "\n")
    }

    @Test func sdkWithNoHeaderSaysWhereItLooked() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A copy of the binary far from the source tree, run from an empty folder.
        let binary = dir.appendingPathComponent("brogue")
        // A hard link, not a copy: copying opens the new file for writing, and a child another
        // test spawns meanwhile can inherit that descriptor, so exec fails with "Text file busy".
        do {
            try FileManager.default.linkItem(at: BrogueProcess.binary, to: binary)
        } catch {
            try FileManager.default.copyItem(at: BrogueProcess.binary, to: binary)
        }
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

/// `brogue plugin list`, content shown with its origins, and games made with another plugin build.
@Suite struct PluginListTests {
    /// Only the core content, so the repository's own Plugins/ folder stays out of the way.
    let core = ["--content", "content/core"]

    @Test func listShowsTheCExampleLoadedAndRandomBytesRefusedWithTheReason() throws {
        guard let cc = ExamplePlugin.compiler() else { return }
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let alchemy = try ExamplePlugin.build(in: dir, cc: cc)
        let junk = dir.appendingPathComponent("junk")
        try FileManager.default.createDirectory(at: junk, withIntermediateDirectories: true)
        try "id: junk\nname: Junk\nversion: 0.2.0\nabi: \"1.0\"\nlibrary: libjunk.so\n".write(
            to: junk.appendingPathComponent("plugin.yaml"),
            atomically: true,
            encoding: .utf8
        )
        var rng = SystemRandomNumberGenerator()
        try Data((0..<2048).map { _ in UInt8.random(in: 0...255, using: &rng) }).write(to: junk.appendingPathComponent("libjunk.so"))

        let out = try BrogueProcess.run(["plugin", "list"] + core, environment: ["BROGUE_PLUGIN_PATH": dir.path])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = out.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.first == ["id", "version", "kind", "status", "found", "in", "folder"])
        #expect(rows.contains(["alchemy", "0.2.0", "native", "loaded", "BROGUE_PLUGIN_PATH", alchemy.path]), "\(out.stdout)")
        #expect(rows.contains(["core", "1.0.0", "data", "loaded", "--content", "(required)", "content/core"]), "\(out.stdout)")
        #expect(rows.contains(["junk", "0.2.0", "native", "refused", "BROGUE_PLUGIN_PATH", junk.path]), "\(out.stdout)")
        #expect(out.stdout.contains("junk: refused: plugin 'junk' (\(junk.path)/libjunk.so): cannot load it as a shared library: "), "\(out.stdout)")
        #expect(out.stdout.contains("alchemy: library \(alchemy.path)/libexample_c.so (hash "), "\(out.stdout)")
        #expect(
            out.stdout.contains(
                "behaviours alchemy.skittish; item effects alchemy.brew; generator stages alchemy.flooded-ruins; natives alchemy.brew-strength"
            ),
            "\(out.stdout)"
        )
        #expect(out.stdout.contains("from 2 plugin(s): core, alchemy"), "\(out.stdout)")

        // Other commands carry on without the refused plugin, and say so once.
        let sim = try BrogueProcess.run(["sim", "--turns", "20"] + core, environment: ["BROGUE_PLUGIN_PATH": dir.path])
        #expect(sim.status == 0, "\(sim.stderr)")
        #expect(sim.stderr.contains("brogue: skipped plugin 'junk' (\(junk.path)): plugin 'junk'"), "\(sim.stderr)")
    }

    @Test func aRequiredPluginThatCannotLoadStopsTheCommandWithAClearError() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "id: gone\nname: Gone\nversion: 0.1.0\nabi: \"1.0\"\nlibrary: libgone.so\n".write(
            to: dir.appendingPathComponent("plugin.yaml"),
            atomically: true,
            encoding: .utf8
        )
        let sim = try BrogueProcess.run(["sim", "--turns", "20", "--plugin", dir.path] + core)
        #expect(sim.status == 1)
        #expect(sim.stderr.contains("\(dir.path)/plugin.yaml:5:10: error: library 'libgone.so' not found"), "\(sim.stderr)")
        #expect(sim.stderr.contains("brogue: required plugin 'gone' could not be loaded"), "\(sim.stderr)")
        let list = try BrogueProcess.run(["plugin", "list", "--plugin", dir.path] + core)
        #expect(list.status == 1)
        #expect(list.stdout.contains("gone: refused: library 'libgone.so' not found"), "\(list.stdout)")
    }

    @Test func theSettingsFilesPluginsListIsFoundAndCanBeRequired() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mod = dir.appendingPathComponent("mods/tough-rats")
        try FileManager.default.createDirectory(at: mod.appendingPathComponent("monsters"), withIntermediateDirectories: true)
        try "id: tough-rats\nname: Tough rats\nversion: 1.0.0\ndepends: [core]\ncontent:\n  monsters: [\"monsters/*.yaml\"]\n".write(
            to: mod.appendingPathComponent("plugin.yaml"),
            atomically: true,
            encoding: .utf8
        )
        try "id: rat\npatch: true\nhp: 30\n".write(to: mod.appendingPathComponent("monsters/rat.yaml"), atomically: true, encoding: .utf8)
        let config = dir.appendingPathComponent("brogue.yaml")
        try "plugins:\n  - {path: mods, required: true}\n".write(to: config, atomically: true, encoding: .utf8)
        let out = try BrogueProcess.run(["plugin", "list", "--config", config.path] + core)
        #expect(out.status == 0, "\(out.stderr)")
        let rows = out.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.contains(["tough-rats", "1.0.0", "data", "loaded", "\(config.path):2:12", "(required)", mod.path]), "\(out.stdout)")
        let shown = try BrogueProcess.run(["content", "show", "monster", "rat"] + core, environment: ["BROGUE_CONFIG": config.path])
        #expect(shown.stdout.contains("hp: 30"), "\(shown.stdout)\(shown.stderr)")
    }

    @Test func contentShowOriginNamesThePluginOfEachField() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mod = dir.appendingPathComponent("stronger-goblins")
        try FileManager.default.createDirectory(at: mod.appendingPathComponent("monsters"), withIntermediateDirectories: true)
        try
            "id: stronger-goblins\nname: Stronger goblins\nversion: 0.1.0\ndepends:\n  - {id: core, version: \"^1.0\"}\ncontent:\n  monsters: [\"monsters/*.yaml\"]\n"
            .write(
                to: mod.appendingPathComponent("plugin.yaml"),
                atomically: true,
                encoding: .utf8
            )
        let patch = mod.appendingPathComponent("monsters/goblin.yaml")
        try "id: goblin\npatch: true\nhp: 25\naccuracy: 90\n".write(to: patch, atomically: true, encoding: .utf8)

        let out = try BrogueProcess.run(["content", "show", "monster", "goblin", "--origin"] + core, environment: ["BROGUE_PLUGIN_PATH": dir.path])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        let coreFile = "content/core/monsters/goblin.yaml"
        #expect(
            lines.prefix(3) == [
                "# monster 'goblin'", "#   defined by plugin 'core' at \(coreFile):1:5",
                "#   patched by plugin 'stronger-goblins' at \(patch.path):1:5",
            ]
        )
        func line(_ field: String) -> String? { lines.first { $0.hasPrefix(field + ":") } }
        #expect(line("hp")?.hasSuffix("# stronger-goblins  \(patch.path):3:1") == true, "\(lines)")
        #expect(line("hp")?.hasPrefix("hp: 25 ") == true)
        #expect(line("accuracy")?.hasSuffix("# stronger-goblins  \(patch.path):4:1") == true)
        #expect(line("name")?.hasSuffix("# core  \(coreFile):2:1") == true, "\(lines)")
        #expect(line("regen-turns")?.hasSuffix("# default") == true)
        // One line per field the monster schema has.
        #expect(lines.filter { !$0.hasPrefix("#") }.count == ContentLoader.schema(for: .monsters).tables[0].fields.count)

        let plain = try BrogueProcess.run(["content", "show", "monsters", "goblin"] + core, environment: ["BROGUE_PLUGIN_PATH": dir.path])
        #expect(plain.stdout.contains("hp: 25\n") && !plain.stdout.contains("# default"))
        let typo = try BrogueProcess.run(["content", "show", "monster", "gobin"] + core)
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("no monster 'gobin' (did you mean 'goblin'?)"), "\(typo.stderr)")
    }

    @Test func aGameMadeWithAnotherBuildOfAPluginLibraryIsReportedNotReplayed() throws {
        guard let cc = ExamplePlugin.compiler() else { return }
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plugins = dir.appendingPathComponent("plugins")
        let alchemy = try ExamplePlugin.build(in: plugins, cc: cc)
        let data = dir.appendingPathComponent("data").path
        let env = ["BROGUE_PLUGIN_PATH": plugins.path]
        let sim = try BrogueProcess.run(["sim", "--seed", "7", "--turns", "100", "--save", "--data", data] + core, environment: env)
        #expect(sim.status == 0, "\(sim.stderr)")
        let same = try BrogueProcess.run(["replay", "1", "--verify", "--data", data] + core, environment: env)
        #expect(same.status == 0, "\(same.stderr)")
        let games = try BrogueProcess.run(["export", "1", dir.appendingPathComponent("g.json").path, "--data", data])
        #expect(games.status == 0, "\(games.stderr)")
        let exported = try String(contentsOf: dir.appendingPathComponent("g.json"), encoding: .utf8)
        #expect(exported.contains("\"version\":\"0.2.0+lib."), "\(exported)")

        // A different build of the same plugin: bytes appended to the library still load.
        let library = alchemy.appendingPathComponent("libexample_c.so")
        let handle = try FileHandle(forWritingTo: library)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 0, count: 64))
        try handle.close()
        let changed = try BrogueProcess.run(["replay", "1", "--verify", "--data", data] + core, environment: env)
        #expect(changed.status == 1)
        #expect(changed.stderr.contains("brogue: verification failed: game 1 was played with content"), "\(changed.stderr)")
        #expect(changed.stderr.contains("plugin 'alchemy' 0.2.0 has a different library build (library hash "), "\(changed.stderr)")
        #expect(changed.stderr.contains("Replaying it would not give the same game"))

        // Without the plugin at all.
        let without = try BrogueProcess.run(["replay", "1", "--verify", "--data", data] + core)
        #expect(without.status == 1)
        #expect(without.stderr.contains("plugin 'alchemy' 0.2.0+lib."), "\(without.stderr)")
        #expect(without.stderr.contains("is not loaded now"), "\(without.stderr)")
    }

    @Test func theDefaultPluginsAreTheContentFolderAndTheExamples() throws {
        let out = try BrogueProcess.run(["plugin", "list"])
        #expect(out.status == 0, "\(out.stderr)")
        // Columns are as wide as their widest entry, so compare words, not spacing.
        let rows = out.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows.contains { $0.hasPrefix("core 1.0.0 data loaded content/ (required)") }, "\(out.stdout)")
        #expect(rows.contains { $0.hasPrefix("alchemy 0.2.0 native") }, "\(out.stdout)")
        #expect(rows.contains { $0.hasPrefix("herbalism 0.2.0 native") }, "\(out.stdout)")
        #expect(out.stdout.contains("Plugins/"), "\(out.stdout)")
    }
}

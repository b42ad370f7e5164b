import Foundation
import Testing

/// A modder's first mistakes, through the real binary: each is caught by `content validate` at the
/// line that makes it, with a did-you-mean, and an optional plugin that makes one is skipped with
/// one line while the game runs without it.
@Suite struct ModderMistakesTests {
    static let source = """
        #include <brogue_plugin.h>

        BROGUE_PLUGIN_EXPORT brogue_abi_version brogue_plugin_abi(void) {
            brogue_abi_version v = {BROGUE_PLUGIN_ABI_MAJOR, BROGUE_PLUGIN_ABI_MINOR};
            return v;
        }

        static brogue_status keep(const brogue_host_api *h, brogue_game *g, brogue_point m, brogue_intent *i) {
            (void)h; (void)g; (void)m;
            i->kind = BROGUE_INTENT_DEFAULT;
            return BROGUE_STATUS_OK;
        }
        static brogue_status chill(const brogue_host_api *h, brogue_game *g, brogue_point t, int32_t p) {
            return h->apply_status(g, t, BROGUE_STATUS_PARALYZED, p);
        }
        static void frost(const brogue_host_api *h, brogue_level *l, int32_t d) { (void)h; (void)l; (void)d; }

        BROGUE_PLUGIN_EXPORT brogue_status brogue_plugin_init(const brogue_host_api *host, brogue_registrar *r, char *error, size_t error_len) {
            (void)host; (void)error; (void)error_len;
            brogue_monster_behavior b = {sizeof b, "keep-distance", keep};
            brogue_item_effect e = {sizeof e, "chill", chill};
            brogue_generator_stage s = {sizeof s, "frost-patches", frost};
            if (r->register_monster_behavior(r->state, &b) != BROGUE_STATUS_OK) return BROGUE_STATUS_ERROR;
            if (r->register_item_effect(r->state, &e) != BROGUE_STATUS_OK) return BROGUE_STATUS_ERROR;
            return r->register_generator_stage(r->state, &s);
        }
        """

    /// `<dir>/frostbite`: the library above and YAML naming its behaviour, effect and stage as
    /// `names` spells them.
    static func frostbite(in dir: URL, cc: String, behaviour: String, effect: String, stage: String) throws -> URL {
        let folder = dir.appendingPathComponent("frostbite")
        for sub in ["monsters", "items", "generators"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let files = [
            "plugin.yaml": """
            id: frostbite
            name: Frostbite
            version: 0.1.0
            abi: "1.3"
            library: libfrostbite.so
            depends: [core]
            content:
              monsters: ["monsters/*.yaml"]
              items: ["items/*.yaml"]
              spawns: ["spawns.yaml"]
              generators: ["generators/*.yaml"]

            """,
            "monsters/ice-wisp.yaml": """
            id: ice-wisp
            name: "ice wisp"
            glyph: "w"
            color: "#a0d0ff"
            hp: 12
            defense: 10
            accuracy: 80
            damage: {min: 1, max: 3}
            xp: 5
            behaviour: \(behaviour)

            """,
            "items/frost-scroll.yaml": "id: frost-scroll\nname: \"scroll of frost\"\ncategory: scroll\npower: 3\neffect: \(effect)\n",
            "generators/standard.yaml": "id: standard\npatch: true\nstages: [\(stage)]\n",
            "spawns.yaml": "monsters:\n  - {monster: ice-wisp, depths: \"1-5\", weight: 50}\n",
            "frostbite.c": source,
        ]
        for (path, text) in files { try text.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8) }
        let include = BrogueProcess.repoRoot.appendingPathComponent("PluginKit/Sources/CBroguePlugin/include").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: cc)
        p.arguments = [
            "-shared", "-fPIC", "-I", include, "-o", folder.appendingPathComponent("libfrostbite.so").path,
            folder.appendingPathComponent("frostbite.c").path,
        ]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return folder
    }

    @Test func misspeltNativeNamesAreLocatedWithADidYouMeanAndTheGameRunsWithoutThePlugin() throws {
        guard let cc = ExamplePlugin.compiler() else { return }
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mod = try Self.frostbite(
            in: dir,
            cc: cc,
            behaviour: "frostbite.keep-distanse",
            effect: "frostbite.chil",
            stage: "frostbite.frost-pachtes"
        ).path
        let validate = try BrogueProcess.run(["content", "validate", mod])
        #expect(validate.status == 1)
        let expected = [
            "\(mod)/items/frost-scroll.yaml:5:9: error: item 'frost-scroll' names effect 'frostbite.chil', which no loaded plugin registers "
                + "(did you mean 'frostbite.chill'? plugin 'frostbite' registers it)",
            "\(mod)/monsters/ice-wisp.yaml:10:12: error: monster 'ice-wisp' names behaviour 'frostbite.keep-distanse', which no loaded plugin "
                + "registers (did you mean 'frostbite.keep-distance'? plugin 'frostbite' registers it)",
            "\(mod)/generators/standard.yaml:3:10: error: generator 'standard' names generator stage 'frostbite.frost-pachtes', which no loaded "
                + "plugin registers (did you mean 'frostbite.frost-patches'? plugin 'frostbite' registers it)",
            "3 error(s), 0 warning(s) in \(mod).",
        ]
        #expect(validate.stderr.split(separator: "\n").map(String.init).sorted() == expected.sorted(), "\(validate.stderr)")

        // Optional (BROGUE_PLUGIN_PATH): skipped with one line, and the game runs without it.
        let sim = try BrogueProcess.run(["sim", "--turns", "50", "--content", "content/core"], environment: ["BROGUE_PLUGIN_PATH": mod])
        #expect(sim.status == 0, "\(sim.stderr)")
        let skipped = sim.stderr.split(separator: "\n").filter { $0.contains("frostbite") }
        #expect(skipped.count == 1, "\(sim.stderr)")
        #expect(skipped.first?.hasPrefix("brogue: skipped plugin 'frostbite' (\(mod)): ") == true, "\(sim.stderr)")
        #expect(skipped.first?.contains("did you mean") == true && skipped.first?.contains(".yaml:") == true, "\(sim.stderr)")
        #expect(sim.stdout.contains("stateHash: "))

        // Required (--plugin): the command stops with the located errors.
        let required = try BrogueProcess.run(["sim", "--turns", "50", "--content", "content/core", "--plugin", mod])
        #expect(required.status == 1)
        #expect(required.stderr.contains("\(mod)/monsters/ice-wisp.yaml:10:12: error: monster 'ice-wisp' names behaviour"), "\(required.stderr)")
    }

    @Test func theSameModSpeltRightValidatesAndLoads() throws {
        guard let cc = ExamplePlugin.compiler() else { return }
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mod = try Self.frostbite(
            in: dir,
            cc: cc,
            behaviour: "frostbite.keep-distance",
            effect: "frostbite.chill",
            stage: "frostbite.frost-patches"
        ).path
        let validate = try BrogueProcess.run(["content", "validate", mod])
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout == "ok: \(mod) (0 warning(s))\n")
        let list = try BrogueProcess.run(["plugin", "list", "--content", "content/core"], environment: ["BROGUE_PLUGIN_PATH": mod])
        #expect(list.stdout.contains("behaviours frostbite.keep-distance; item effects frostbite.chill; generator stages frostbite.frost-patches"))
    }

    @Test func aModWithoutDependsGetsOneErrorSayingToAddIt() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mod = dir.appendingPathComponent("tough-goblins")
        try FileManager.default.createDirectory(at: mod.appendingPathComponent("monsters"), withIntermediateDirectories: true)
        try "id: tough-goblins\nname: Tough goblins\nversion: 0.1.0\ncontent:\n  monsters: [\"monsters/*.yaml\"]\n  spawns: [\"spawns.yaml\"]\n"
            .write(to: mod.appendingPathComponent("plugin.yaml"), atomically: true, encoding: .utf8)
        try "id: goblin\npatch: true\nhp: 30\n".write(to: mod.appendingPathComponent("monsters/goblin.yaml"), atomically: true, encoding: .utf8)
        try "monsters:\n  - {monster: goblin, depths: \"2-5\", weight: 10}\n"
            .write(to: mod.appendingPathComponent("spawns.yaml"), atomically: true, encoding: .utf8)
        let validate = try BrogueProcess.run(["content", "validate", mod.path])
        #expect(validate.status == 1)
        let errors = validate.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1, "\(validate.stderr)")
        #expect(
            errors.first?.hasPrefix("\(mod.path)/plugin.yaml:1:5: error: plugin 'tough-goblins' uses content of core but has no 'depends'") == true
        )
        #expect(errors.first?.hasSuffix("(add 'depends: [core]' to plugin.yaml)") == true, "\(validate.stderr)")

        try
            "id: tough-goblins\nname: Tough goblins\nversion: 0.1.0\ndepends: [core]\ncontent:\n  monsters: [\"monsters/*.yaml\"]\n  spawns: [\"spawns.yaml\"]\n"
            .write(to: mod.appendingPathComponent("plugin.yaml"), atomically: true, encoding: .utf8)
        let fixed = try BrogueProcess.run(["content", "validate", mod.path])
        #expect(fixed.status == 0, "\(fixed.stderr)")
    }

    @Test func validatingOneFileChecksItsReferencesWithTheRestOfItsPlugin() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mod = dir.appendingPathComponent("frost-goblins")
        try FileManager.default.createDirectory(at: mod.appendingPathComponent("monsters"), withIntermediateDirectories: true)
        try
            "id: frost-goblins\nname: Frost goblins\nversion: 0.1.0\ndepends: [core]\ncontent:\n  monsters: [\"monsters/*.yaml\"]\n  spawns: [\"spawns.yaml\"]\n"
            .write(to: mod.appendingPathComponent("plugin.yaml"), atomically: true, encoding: .utf8)
        try """
        id: frost-goblin
        name: "frost goblin"
        glyph: "g"
        color: "#a0c0ff"
        hp: 15
        defense: 10
        accuracy: 70
        damage: {min: 2, max: 5}
        xp: 10

        """.write(to: mod.appendingPathComponent("monsters/frost-goblin.yaml"), atomically: true, encoding: .utf8)
        let spawns = mod.appendingPathComponent("spawns.yaml").path
        try "monsters:\n  - {monster: frost-gobin, depths: \"2-5\", weight: 10}\n".write(toFile: spawns, atomically: true, encoding: .utf8)
        let one = try BrogueProcess.run(["content", "validate", spawns])
        #expect(one.status == 1)
        #expect(
            one.stderr.hasPrefix(
                "\(spawns):2:15: error: monster spawn names unknown monster 'frost-gobin' (did you mean 'frost-goblin'?)\n"
            ),
            "\(one.stderr)"
        )
    }
}

import Foundation
import Testing

@testable import BroguePluginHost

@Suite struct PluginLoaderTests {
    @Test func theExampleCPluginLoadsAndItsCallbacksRun() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lib = try CPluginBuilder.build(file: CPluginBuilder.exampleSource, name: "example_c", in: dir, cc: cc)
        let log = LogLines.shared

        let loader = PluginLoader()
        let plugin = try loader.load(library: lib, pluginID: "alchemy")
        #expect(plugin.abi == PluginABIVersion.host)
        #expect(plugin.behaviourNames == ["skittish"])
        #expect(plugin.itemEffectNames == ["brew"])
        #expect(plugin.eventHookNames == [])
        #expect(plugin.behaviours.map(\.qualifiedName) == ["alchemy.skittish"])
        #expect(loader.plugins.count == 1)

        // Far from the player: the built-in AI decides.
        #expect(plugin.behaviours[0].act(in: FixedGame(), monster: PluginPoint(x: 1, y: 1)) == .useDefault)
        // Next to the player: steps away, the sideways step drawn from the game's stream (2 -> +1).
        #expect(plugin.behaviours[0].act(in: FixedGame(draws: [2]), monster: PluginPoint(x: 6, y: 5)) == .move(to: PluginPoint(x: 7, y: 6)))
        // Diagonal to the player: straight away, no draw needed.
        #expect(plugin.behaviours[0].act(in: FixedGame(draws: [0]), monster: PluginPoint(x: 4, y: 4)) == .move(to: PluginPoint(x: 3, y: 3)))

        #expect(plugin.itemEffects[0].apply(in: FixedGame(), target: PluginPoint(x: 2, y: 3), power: 1))
        #expect(log.contains("a brew of strength 10 bubbles at (2, 3)"))
    }

    @Test func abiMajorMismatchIsRefusedNamingBothVersionsAndTheFile() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lib = try CPluginBuilder.build(
            "future",
            source: CPluginBuilder.plugin(major: "2", minor: "0", initBody: "return BROGUE_STATUS_OK;"),
            in: dir,
            cc: cc
        )
        let error = #expect(throws: PluginError.self) { try PluginLoader().load(library: lib, pluginID: "future") }
        #expect(error?.kind == .abiMajorMismatch)
        #expect(error?.message.contains("ABI 2.0") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("ABI 1.3") == true)
        #expect(error?.message.contains(lib) == true)
    }

    @Test func aNewerMinorIsRefused() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lib = try CPluginBuilder.build("newer", source: CPluginBuilder.plugin(minor: "7", initBody: "return BROGUE_STATUS_OK;"), in: dir, cc: cc)
        let error = #expect(throws: PluginError.self) { try PluginLoader().load(library: lib, pluginID: "newer") }
        #expect(error?.kind == .abiMinorTooNew)
        #expect(error?.message.contains("ABI 1.7, newer than this host's ABI 1.3") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(lib) == true)
    }

    @Test func aMissingInitSymbolIsRefused() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lib = try CPluginBuilder.build("noinit", source: CPluginBuilder.plugin(initBody: nil), in: dir, cc: cc)
        let error = #expect(throws: PluginError.self) { try PluginLoader().load(library: lib, pluginID: "noinit") }
        #expect(error?.kind == .missingSymbol)
        #expect(error?.message.contains("does not export brogue_plugin_init") == true, "\(error?.message ?? "")")
    }

    @Test func aSharedObjectThatIsNotAPluginIsRefusedBeforeAnythingRuns() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lib = try CPluginBuilder.build("plain", source: "int plain_answer(void) { return 42; }\n", in: dir, cc: cc)
        let error = #expect(throws: PluginError.self) { try PluginLoader().load(library: lib, pluginID: "plain") }
        #expect(error?.kind == .missingSymbol)
        #expect(error?.message.contains("does not export brogue_plugin_abi") == true, "\(error?.message ?? "")")
    }

    @Test func randomBytesNamedSoAreRefusedWithDlopensReason() throws {
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lib = dir.appendingPathComponent("libnoise.so")
        var generator = SystemRandomNumberGenerator()
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: lib)
        let error = #expect(throws: PluginError.self) { try PluginLoader().load(library: lib.path, pluginID: "noise") }
        #expect(error?.kind == .notLoadable)
        #expect(error?.message.contains("cannot load it as a shared library") == true, "\(error?.message ?? "")")
        // dlopen's own words follow, naming the file.
        #expect(error?.message.contains("libnoise.so:") == true, "\(error?.message ?? "")")
    }

    @Test func aLibraryForAnotherArchitectureOrAnExecutableIsNamedAsSuch() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try CPluginBuilder.build(file: CPluginBuilder.exampleSource, name: "example_c", in: dir, cc: cc)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: good)))
        // e_machine (bytes 18-19, little-endian) of another machine: AArch64 on x86-64, x86-64 elsewhere.
        let other: UInt16 = ELFCheck.host == 183 ? 62 : 183
        bytes[18] = UInt8(other & 0xFF)
        bytes[19] = UInt8(other >> 8)
        let foreign = dir.appendingPathComponent("libforeign.so")
        try Data(bytes).write(to: foreign)
        let error = #expect(throws: PluginError.self) { try PluginLoader().load(library: foreign.path, pluginID: "foreign") }
        #expect(error?.kind == .notLoadable)
        #expect(error?.message.contains("it is built for \(ELFCheck.machines[other]!), but this host runs on") == true, "\(error?.message ?? "")")

        // An executable (ELF type 2) is not a shared library.
        var exec = [UInt8](try Data(contentsOf: URL(fileURLWithPath: good)))
        exec[16] = 2
        exec[17] = 0
        let program = dir.appendingPathComponent("libprogram.so")
        try Data(exec).write(to: program)
        let refused = #expect(throws: PluginError.self) { try PluginLoader().load(library: program.path, pluginID: "program") }
        #expect(refused?.message.contains("is an ELF executable, not a shared library") == true, "\(refused?.message ?? "")")
    }

    @Test func aMissingFileIsRefused() throws {
        let error = #expect(throws: PluginError.self) { try PluginLoader().load(library: "/nonexistent/libghost.so", pluginID: "ghost") }
        #expect(error?.kind == .missingFile)
        #expect(error?.message.contains("plugin 'ghost' (/nonexistent/libghost.so)") == true)
    }

    @Test func initReturningAnErrorShowsItsText() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let body = """
                snprintf(error, error_len, "the cauldron is cold");
                return BROGUE_STATUS_ERROR;
            """
        let lib = try CPluginBuilder.build("cold", source: CPluginBuilder.plugin(initBody: body), in: dir, cc: cc)
        let loader = PluginLoader()
        let error = #expect(throws: PluginError.self) { try loader.load(library: lib, pluginID: "cold") }
        #expect(error?.kind == .initFailed)
        #expect(error?.message.contains("brogue_plugin_init failed with status 1: the cauldron is cold") == true, "\(error?.message ?? "")")
        #expect(loader.plugins.isEmpty)
    }

    @Test func aDuplicateNameAcrossTwoPluginsRefusesTheSecondAndKeepsTheFirst() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try CPluginBuilder.build("first", source: CPluginBuilder.plugin(initBody: CPluginBuilder.registering("lurk")), in: dir, cc: cc)
        let second = try CPluginBuilder.build("second", source: CPluginBuilder.plugin(initBody: CPluginBuilder.registering("lurk")), in: dir, cc: cc)
        let loader = PluginLoader()
        try loader.load(library: first, pluginID: "ghouls")
        let error = #expect(throws: PluginError.self) { try loader.load(library: second, pluginID: "ghouls") }
        #expect(error?.kind == .duplicateName)
        #expect(
            error?.message.contains("monster behaviour 'ghouls.lurk' is already registered by plugin 'ghouls' (\(first))") == true,
            "\(error?.message ?? "")"
        )
        #expect(loader.plugins.map(\.file) == [first])
        // The same name under another plugin id is another name.
        try loader.load(library: second, pluginID: "wights")
        #expect(loader.plugins.count == 2)
    }

    @Test func aNameRegisteredTwiceByOnePluginIsRefused() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let body = """
                brogue_monster_behavior b = {sizeof b, "lurk", wait_act};
                registrar->register_monster_behavior(registrar->state, &b);
                return registrar->register_monster_behavior(registrar->state, &b);
            """
        let lib = try CPluginBuilder.build("twice", source: CPluginBuilder.plugin(initBody: body), in: dir, cc: cc)
        let error = #expect(throws: PluginError.self) { try PluginLoader().load(library: lib, pluginID: "twice") }
        #expect(error?.kind == .duplicateName)
        #expect(error?.message.contains("'twice.lurk' is registered twice") == true, "\(error?.message ?? "")")
    }

    @Test func aTooSmallRegistrationStructIsRefused() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let body = """
                brogue_monster_behavior b = {sizeof(size_t) + sizeof(const char *), "stunted", wait_act};
                if (registrar->register_monster_behavior(registrar->state, &b) != BROGUE_STATUS_OK) {
                    snprintf(error, error_len, "refused");
                    return BROGUE_STATUS_ERROR;
                }
                return BROGUE_STATUS_OK;
            """
        let lib = try CPluginBuilder.build("small", source: CPluginBuilder.plugin(initBody: body), in: dir, cc: cc)
        let error = #expect(throws: PluginError.self) { try PluginLoader().load(library: lib, pluginID: "small") }
        #expect(error?.kind == .registrationTooSmall)
        #expect(
            error?.message.contains("monster behaviour 'stunted' has size 16 bytes, but ABI 1.3 needs at least 24") == true,
            "\(error?.message ?? "")"
        )
    }

    @Test func theHostCarriesOnAfterARefusal() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try CPluginBuilder.build(file: CPluginBuilder.exampleSource, name: "example_c", in: dir, cc: cc)
        let errors = PluginLoader().loadAll([
            (path: dir.appendingPathComponent("libmissing.so").path, pluginID: "missing", natives: []),
            (path: good, pluginID: "alchemy", natives: []),
        ])
        #expect(errors.map(\.kind) == [.missingFile])
        let loader = PluginLoader()
        _ = loader.loadAll([(path: "/nonexistent.so", pluginID: "x", natives: []), (path: good, pluginID: "alchemy", natives: [])])
        #expect(loader.plugins.map(\.id) == ["alchemy"])
    }

    @Test func eventHooksSeeTheHostTableAndTheGame() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = CPluginBuilder.plugin(
            initBody: """
                    if (host->size != sizeof(brogue_host_api) || host->abi_major != 1 || host->abi_minor != 3) {
                        snprintf(error, error_len, "unexpected host table");
                        return BROGUE_STATUS_ERROR;
                    }
                    brogue_event_hook h = {sizeof h, "watch", BROGUE_EVENT_DEATH, on_death};
                    return registrar->register_event_hook(registrar->state, &h);
                """
        ).replacingOccurrences(
            of: "BROGUE_PLUGIN_EXPORT brogue_status brogue_plugin_init",
            with: """
                static void on_death(const brogue_host_api *host, brogue_game *game, brogue_event_kind event, brogue_point where) {
                    char line[160];
                    brogue_point player = host->player_position(game);
                    snprintf(line, sizeof line, "hook-test event=%d at (%d, %d) depth=%d hp=%d player=(%d, %d) draw=%d wall=%u",
                             (int)event, (int)where.x, (int)where.y, (int)host->depth(game), (int)host->player_hp(game),
                             (int)player.x, (int)player.y, (int)host->random_below(game, 10), host->terrain_flags(game, (brogue_point){-1, 0}));
                    host->log(BROGUE_LOG_WARNING, line);
                }

                BROGUE_PLUGIN_EXPORT brogue_status brogue_plugin_init
                """
        )
        let lib = try CPluginBuilder.build("hooks", source: source, in: dir, cc: cc)
        let log = LogLines.shared
        let plugin = try PluginLoader().load(library: lib, pluginID: "hooks")
        #expect(plugin.eventHookNames == ["watch"])
        let hook = plugin.eventHooks[0]
        #expect(hook.event == .death)
        hook.fire(.turn, in: FixedGame(draws: [7]), at: PluginPoint(x: 1, y: 2))
        #expect(!log.contains("hook-test event=1"))
        hook.fire(.death, in: FixedGame(draws: [7]), at: PluginPoint(x: 1, y: 2))
        #expect(log.contains("hook-test event=2 at (1, 2) depth=3 hp=20 player=(5, 5) draw=7 wall=1"))
    }
}

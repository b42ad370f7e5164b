import BrogueContent
import BroguePluginHost
import Foundation
import Testing

@testable import BrogueCore

/// Content calling a libffi-bound native: an item whose power is `alchemy.brew-strength(...)`.
@Suite struct NativeItemTests {
    static let brewStrength = PluginNative(name: "brew-strength", symbol: "alchemy_brew_strength", args: ["int32"], returns: "int32")

    /// Core content whose player starts with a potion of strength powered by `call`.
    static func catalog(_ call: NativeCall, natives: [PluginNative] = [brewStrength]) throws -> (ContentCatalog, kind: Int, dir: URL)? {
        guard let (lib, dir) = try GameBridgeTests.buildExample() else { return nil }
        let base = GameBridgeTests.core
        let kind = try #require(base.items.firstIndex { $0.effect == "strength" })
        var items = base.items
        items[kind].nativePower = call
        var player = base.player
        player.startingItems.append(StartingItem(kind: items[kind].id))
        let plain = try ContentCatalog(
            terrains: base.terrains,
            monsters: base.monsters,
            items: items,
            spawns: base.spawns,
            player: player,
            appearances: base.appearances,
            generators: base.generators,
            blueprints: base.blueprints,
            bolts: base.bolts
        )
        let loader = PluginLoader()
        try loader.load(library: lib, pluginID: "alchemy", natives: natives)
        return (try plain.adding(loader.ruleExtensions()), kind, dir)
    }

    static func drink(_ kind: Int, in game: inout Game) throws -> Int {
        let before = game.strength
        let letter = try #require(game.inventory.letters.first { game.inventory[$0]!.kind == kind })
        _ = game.apply(.quaff(letter))
        return game.strength - before
    }

    @Test func anItemTakesItsPowerFromTheNativeWithArgumentsFromTheGame() throws {
        guard let (catalog, kind, dir) = try Self.catalog(NativeCall(native: "alchemy.brew-strength", arguments: [.depth])) else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        var game = Game(seed: 5, catalog: catalog)
        #expect(game.depth == 1)
        // alchemy_brew_strength(depth) is 3 + 2 * depth: 5 on depth 1, whatever the item's own power.
        #expect(try Self.drink(kind, in: &game) == 5)

        guard let (constant, kind2, dir2) = try Self.catalog(NativeCall(native: "alchemy.brew-strength", arguments: [.constant(10)])) else { return }
        defer { try? FileManager.default.removeItem(at: dir2) }
        var other = Game(seed: 5, catalog: constant)
        #expect(try Self.drink(kind2, in: &other) == 23)
        // What content passes is part of the content hash.
        #expect(constant.contentHash != catalog.contentHash)
    }

    @Test func theCatalogRefusesAMissingNativeAndAWrongArgumentCount() throws {
        #expect(throws: CatalogError.self) {
            _ = try Self.catalog(NativeCall(native: "alchemy.brew-strength", arguments: [.depth]), natives: []).map {
                try? FileManager.default.removeItem(at: $0.dir)
            }
        }
        do {
            _ = try Self.catalog(NativeCall(native: "alchemy.brew-strength", arguments: [.depth, .turn]))
            Issue.record("two arguments to a one-argument native were accepted")
        } catch let error as CatalogError {
            #expect("\(error)".contains("passes 2 argument(s) to native 'alchemy.brew-strength', which takes 1"))
        }
    }

    @Test func aNativeTakingAStringCannotBeCalledFromContent() throws {
        // brogue_plugin_abi takes nothing; declaring it as taking a string binds (the symbol exists)
        // but content cannot pass one.
        let odd = PluginNative(name: "odd", symbol: "alchemy_brew_strength", args: ["string"], returns: "int32")
        do {
            _ = try Self.catalog(NativeCall(native: "alchemy.odd", arguments: [.depth]), natives: [odd])
            Issue.record("a native taking a string was accepted for content")
        } catch let error as CatalogError {
            #expect("\(error)".contains("which content cannot call: it takes a string"))
        }
    }
}

/// ABI 1.2's `place_item`, from a C plugin's item effect, in a real game.
@Suite struct PlaceItemTests {
    static let source = """
        #include <brogue_plugin.h>
        #include <string.h>

        BROGUE_PLUGIN_EXPORT brogue_abi_version brogue_plugin_abi(void) {
            brogue_abi_version v = {BROGUE_PLUGIN_ABI_MAJOR, BROGUE_PLUGIN_ABI_MINOR};
            return v;
        }

        /* Drops a dagger where the drinker stands, then tries three cells that must be refused. */
        static brogue_status scatter(const brogue_host_api *host, brogue_game *game, brogue_point target, int32_t power) {
            (void)power;
            if (host->size < offsetof(brogue_host_api, place_item) + sizeof host->place_item) return BROGUE_STATUS_ERROR;
            if (host->place_item(game, "dagger", target) != BROGUE_STATUS_OK) return BROGUE_STATUS_ERROR;
            brogue_point off = {-5, 3};
            brogue_point rim = {0, 0};
            if (host->place_item(game, "dagger", off) == BROGUE_STATUS_OK) return BROGUE_STATUS_ERROR;
            if (host->place_item(game, "dagger", rim) == BROGUE_STATUS_OK) return BROGUE_STATUS_ERROR;
            if (host->place_item(game, "no-such-item", target) == BROGUE_STATUS_OK) return BROGUE_STATUS_ERROR;
            host->message(game, "Daggers rain.", BROGUE_MESSAGE_GOOD);
            return BROGUE_STATUS_OK;
        }

        BROGUE_PLUGIN_EXPORT brogue_status brogue_plugin_init(const brogue_host_api *host, brogue_registrar *registrar, char *error, size_t error_len) {
            (void)host; (void)error; (void)error_len;
            brogue_item_effect e = {sizeof e, "scatter", scatter};
            return registrar->register_item_effect(registrar->state, &e);
        }
        """

    @Test func anEffectPlacesAnItemOnOpenFloorOnlyAndSaysSo() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lib = try CPluginBuilder.build("scatter", source: Self.source, in: dir, cc: cc)
        let base = GameBridgeTests.core
        let kind = try #require(base.items.firstIndex { $0.category == .scroll })
        var items = base.items
        items[kind].effect = "rain.scatter"
        var player = base.player
        player.startingItems.append(StartingItem(kind: items[kind].id))
        let plain = try ContentCatalog(
            terrains: base.terrains,
            monsters: base.monsters,
            items: items,
            spawns: base.spawns,
            player: player,
            appearances: base.appearances,
            generators: base.generators,
            blueprints: base.blueprints,
            bolts: base.bolts
        )
        let catalog = try PluginLoader().extend(plain, libraries: ["rain=\(lib)"])
        var game = Game(seed: 11, catalog: catalog)
        let dagger = try #require(catalog.itemIndexByID["dagger"])
        let at = game.player.position
        let before = game.level.items.filter { $0.position == at && $0.item.kind == dagger }.count
        let letter = try #require(game.inventory.letters.first { game.inventory[$0]!.kind == kind })
        let events = game.apply(.read(letter, target: nil))
        #expect(events.contains(.message("Daggers rain.", .good)), "the effect got OK from the first place_item and errors from the three bad ones")
        #expect(game.level.items.filter { $0.position == at && $0.item.kind == dagger }.count == before + 1)
    }
}

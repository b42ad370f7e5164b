import BrogueContent
import BroguePluginHost
import Foundation
import Testing

@testable import BrogueCore

/// ABI 1.3's `cell_info`, `nearest_free_cell`, `creatures_in_radius` and `move_creature`, from a
/// C plugin compiled at test time, in real games.
@Suite struct PlacesAndMovesTests {
    static let source = """
        #include <brogue_plugin.h>
        #include <stdio.h>
        #include <string.h>

        BROGUE_PLUGIN_EXPORT brogue_abi_version brogue_plugin_abi(void) {
            brogue_abi_version v = {BROGUE_PLUGIN_ABI_MAJOR, BROGUE_PLUGIN_ABI_MINOR};
            return v;
        }

        static int has_1_3(const brogue_host_api *host) {
            return host->size >= offsetof(brogue_host_api, move_creature) + sizeof host->move_creature;
        }

        /* A blink: the drinker jumps to the nearest free floor cell at least power cells away, up to power + 4. */
        static brogue_status blink(const brogue_host_api *host, brogue_game *game, brogue_point target, int32_t power) {
            if (!has_1_3(host)) return BROGUE_STATUS_ERROR;
            brogue_cell_info here = {.size = sizeof here};
            if (!host->cell_info(game, target, &here)) return BROGUE_STATUS_ERROR;
            if (strcmp(here.occupant_kind, "player") != 0 || here.occupant_id != 0 || here.dungeon[0] == 0) return BROGUE_STATUS_ERROR;
            brogue_cell_info off = {.size = sizeof off};
            if (host->cell_info(game, (brogue_point){-1, 4}, &off)) return BROGUE_STATUS_ERROR;
            brogue_point away = {target.x + power, target.y};
            brogue_point to;
            if (!host->nearest_free_cell(game, away, "floor", 4, &to)) return BROGUE_STATUS_ERROR;
            if (host->nearest_free_cell(game, away, "no-such-terrain", 4, &to)) return BROGUE_STATUS_ERROR;
            if (!host->nearest_free_cell(game, away, NULL, 4, &to)) return BROGUE_STATUS_ERROR;
            if (host->move_creature(game, target, (brogue_point){0, 0}) == BROGUE_STATUS_OK) return BROGUE_STATUS_ERROR;
            if (host->move_creature(game, target, to) != BROGUE_STATUS_OK) return BROGUE_STATUS_ERROR;
            char line[96];
            snprintf(line, sizeof line, "You blink to (%d, %d).", (int)to.x, (int)to.y);
            host->message(game, line, BROGUE_MESSAGE_GOOD);
            return BROGUE_STATUS_OK;
        }

        /* Keeps its distance: within 3 cells of the player it jumps to the nearest free cell two steps further away. */
        static brogue_status skip_away(const brogue_host_api *host, brogue_game *game, brogue_point monster, brogue_intent *intent) {
            intent->kind = BROGUE_INTENT_DEFAULT;
            if (!has_1_3(host)) return BROGUE_STATUS_OK;
            brogue_point near[8];
            int32_t count = host->creatures_in_radius(game, monster, 3, near, 8);
            for (int32_t i = 0; i < count && i < 8; i++) {
                brogue_cell_info who = {.size = sizeof who};
                if (!host->cell_info(game, near[i], &who) || strcmp(who.occupant_kind, "player") != 0) continue;
                brogue_point from = {monster.x + 2 * (monster.x - near[i].x), monster.y + 2 * (monster.y - near[i].y)};
                brogue_point to;
                if (host->nearest_free_cell(game, from, NULL, 2, &to) && host->move_creature(game, monster, to) == BROGUE_STATUS_OK) {
                    intent->kind = BROGUE_INTENT_WAIT;
                    static int said;
                    if (!said++) host->log(BROGUE_LOG_WARNING, "jump: a monster skipped away from the player");
                }
                break;
            }
            return BROGUE_STATUS_OK;
        }

        BROGUE_PLUGIN_EXPORT brogue_status brogue_plugin_init(const brogue_host_api *host, brogue_registrar *registrar, char *error, size_t error_len) {
            (void)error; (void)error_len;
            if (!has_1_3(host)) return BROGUE_STATUS_ERROR;
            brogue_item_effect e = {sizeof e, "blink", blink};
            brogue_monster_behavior b = {sizeof b, "skip-away", skip_away};
            if (registrar->register_item_effect(registrar->state, &e) != BROGUE_STATUS_OK) return BROGUE_STATUS_ERROR;
            return registrar->register_monster_behavior(registrar->state, &b);
        }
        """

    /// Core content where every monster skips away and the first potion kind blinks 3 cells.
    static func catalog(loading lib: String) throws -> (ContentCatalog, blink: Int) {
        let base = GameBridgeTests.core
        let kind = try #require(base.items.firstIndex { $0.category == .potion })
        var items = base.items
        items[kind].effect = "jump.blink"
        items[kind].power = 3
        var player = base.player
        player.startingItems.append(StartingItem(kind: items[kind].id))
        let plain = try ContentCatalog(
            terrains: base.terrains,
            monsters: base.monsters.map { m in
                var m = m
                m.behaviour = "jump.skip-away"
                return m
            },
            items: items,
            spawns: base.spawns,
            player: player,
            appearances: base.appearances,
            generators: base.generators,
            blueprints: base.blueprints,
            bolts: base.bolts
        )
        return (try PluginLoader().extend(plain, libraries: ["jump=\(lib)"]), kind)
    }

    static func build() throws -> (String, URL)? {
        guard let cc = CPluginBuilder.compiler() else { return nil }
        let dir = try CPluginBuilder.temporaryFolder()
        return (try CPluginBuilder.build("jump", source: source, in: dir, cc: cc), dir)
    }

    @Test func aPotionBlinksThePlayerToTheNearestFreeFloorCell() throws {
        guard let (lib, dir) = try Self.build() else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let (catalog, kind) = try Self.catalog(loading: lib)
        var game = Game(seed: 5, catalog: catalog)
        let start = game.player.position
        let expected = try #require(game.nearestFreeCell(from: start + Point(3, 0), terrainID: nil, maxDistance: 4))
        let letter = try #require(game.inventory.letters.first { game.inventory[$0]!.kind == kind })
        let events = game.apply(.quaff(letter))
        #expect(events.contains(.message("You blink to (\(expected.x), \(expected.y)).", .good)), "\(events)")
        #expect(game.player.position == expected)
        #expect(game.player.position != start)
    }

    @Test func theCellAndRadiusQueriesAnswerFromTheGame() throws {
        let game = Game(seed: 5, catalog: GameBridgeTests.core)
        let p = game.player.position
        #expect(game.occupantKindID(at: p) == "player")
        #expect(game.terrainID(.dungeon, at: p) != nil)
        #expect(game.terrainID(.dungeon, at: Point(-1, 0)) == nil)
        #expect(game.creatureCells(near: p, radius: 0) == [p])
        #expect(game.nearestFreeCell(from: p, terrainID: "no-such-terrain", maxDistance: 5) == nil)
        let free = try #require(game.nearestFreeCell(from: p, maxDistance: 1))
        #expect(free != p && max(abs(free.x - p.x), abs(free.y - p.y)) == 1)
    }

    @Test func monstersThatSkipAwayReplayToTheSameStateHash() throws {
        guard let (lib, dir) = try Self.build() else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let (catalog, _) = try Self.catalog(loading: lib)
        let log = LogLines.shared
        // The first seed whose game brings the player near a monster with the behaviour (content decides which).
        var found: (seed: UInt64, result: Simulation.Result)?
        for seed in UInt64(1)...40 {
            let result = Simulation.run(seed: seed, catalog: catalog, turns: 400)
            if log.contains("jump: a monster skipped away from the player") {
                found = (seed, result)
                break
            }
        }
        let (seed, first) = try #require(found, "no game in 40 seeds had the behaviour move a monster with move_creature")
        let second = Simulation.run(seed: seed, catalog: catalog, turns: 400)
        let plain = Simulation.run(seed: seed, catalog: GameBridgeTests.core, turns: 400)
        #expect(first.turns > 50)
        #expect(first.stateHash == second.stateHash)
        #expect(first.stateHash != plain.stateHash)
    }

    /// A plugin built for ABI 1.2 (it reports 1.2 and never reads the new entries) still loads.
    @Test func aPluginBuiltForTheOlderMinorStillLoads() throws {
        guard let cc = CPluginBuilder.compiler() else { return }
        let dir = try CPluginBuilder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = CPluginBuilder.plugin(minor: "2", initBody: CPluginBuilder.registering("old-timer"))
        let lib = try CPluginBuilder.build("old", source: source, in: dir, cc: cc)
        let plugin = try PluginLoader().load(library: lib, pluginID: "old")
        #expect(plugin.abi == PluginABIVersion(major: 1, minor: 2))
        #expect(plugin.behaviourNames == ["old-timer"])
    }
}

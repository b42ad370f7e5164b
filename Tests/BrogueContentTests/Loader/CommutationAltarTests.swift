import BrogueContent
import Foundation
import Testing

@testable import BrogueCore

/// The commutation altars of the core content, built on a level and used by hand: a sword and
/// a suit of armor laid on the two altars trade their enchantments, once.
@Suite("Commutation altars")
struct CommutationAltarTests {
    @Test func twoItemsLaidOnTheAltarsTradeTheirEnchantmentsOnce() throws {
        let found = try #require(CoreVaults.find("commutation-altars"), "no commutation altars on seeds 1-40")
        var game = found.0
        let n = found.1
        let catalog = CoreVaults.catalog
        #expect(LevelInvariants.problems(game.level).isEmpty)
        let altars = game.level.flags.cells.indices.map { game.level.flags.point(at: $0) }.filter {
            game.level.has(.commutes, at: $0) && Int(game.level.machineAt[$0]) == n
        }
        try #require(altars.count == 2)
        let sword = try #require(catalog.itemIndexByID["sword"])
        let armor = try #require(catalog.itemIndexByID["leather-armor"])
        let added = (
            game.inventory.add(Item(kind: sword, enchant: 3), catalog: catalog),
            game.inventory.add(Item(kind: armor, enchant: -1), catalog: catalog)
        )
        let s = try #require(added.0)
        let a = try #require(added.1)
        var events: [GameEvent] = []
        game.player.position = altars[0]
        _ = game.drop(s, &events)
        #expect(game.level.items.first { $0.position == altars[0] }?.item.enchant == 3, "one item alone trades nothing")
        game.player.position = altars[1]
        _ = game.drop(a, &events)
        #expect(game.level.items.first { $0.position == altars[0] }?.item.enchant == -1)
        #expect(game.level.items.first { $0.position == altars[1] }?.item.enchant == 3)
        #expect(altars.allSatisfy { !game.level.has(.commutes, at: $0) }, "the altars are spent")
    }
}

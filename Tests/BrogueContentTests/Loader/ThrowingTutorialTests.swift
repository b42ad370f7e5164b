import BrogueContent
import Foundation
import Testing

@testable import BrogueCore

/// The throwing tutorial of the core content, built on a level and played by hand: the key lies
/// in a locked cage on a ledge, a pressure plate waits across a chasm, and only a thrown item can
/// press it.
@Suite("Throwing tutorial")
struct ThrowingTutorialTests {
    @Test func aDartThrownOntoThePlateAcrossTheChasmLiftsTheCageFromTheKey() throws {
        let found = try #require(CoreVaults.find("key-throwing-tutorial"), "no throwing tutorial on seeds 1-40")
        var game = found.0
        let n = found.1
        let catalog = CoreVaults.catalog
        #expect(LevelInvariants.problems(game.level).isEmpty)
        let room = game.level.machines[n - 1]
        let step = try #require(Direction.cardinals.map(\.offset).first { room.contains(room.entrance + $0) })
        var line: [Point] = []
        var p = room.entrance + step
        while room.contains(p) {
            line.append(p)
            p = p + step
        }
        try #require(line.count >= 4)
        let inner = line[0]
        let ledge = line[1]
        let plate = line[line.count - 1]
        #expect(game.level.has(.firesOnStep, at: plate), "the plate lies at the far wall")
        #expect(line.dropFirst(2).dropLast().allSatisfy { game.level.has(.autoDescent, at: $0) }, "a chasm lies between")
        let key = try #require(game.level.items.first { $0.position == ledge }, "the key lies on the ledge")
        #expect(catalog.items[key.item.kind].category == .key && key.item.opensMachine > 0 && key.item.opensMachine != n)

        var events: [GameEvent] = []
        game.player.position = ledge
        let tookCaged = game.pickUp(&events)
        #expect(!tookCaged, "the cage holds the key")
        let darts = try #require(catalog.itemIndexByID["darts"])
        let added = game.inventory.add(Item(kind: darts, quantity: 2), catalog: catalog)
        let letter = try #require(added)

        // A dart that falls short into the chasm presses nothing.
        game.player.position = inner
        _ = game.throwItem(letter, at: line[line.count - 2], &events)
        #expect(!game.level.machines[n - 1].fired)
        #expect(game.level.has(.holdsItem, at: ledge))

        _ = game.throwItem(letter, at: plate, &events)
        #expect(game.level.machines[n - 1].fired, "the plate clicks")
        #expect(!game.level.has(.holdsItem, at: ledge), "the cage lifts")
        #expect(game.level.items.contains { $0.position == plate }, "the dart stays on the plate")
        #expect(events.contains { if case .message(let text, _) = $0 { text.contains("pressure plate") } else { false } })
        game.player.position = ledge
        let took = game.pickUp(&events)
        #expect(took)
        #expect(game.inventory.letters.contains { game.inventory[$0]?.opensMachine == key.item.opensMachine })
    }
}

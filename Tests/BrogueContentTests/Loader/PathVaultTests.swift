import BrogueContent
import Foundation
import Testing

@testable import BrogueCore

/// The vaults laid along a path across their room (a bridge or causeway from the door to the far
/// wall), built from the core content and then played by hand: the bridge that collapses when its
/// treasure is lifted, the turret on a bridge's landing, the causeway a search reveals.
@Suite("Path vaults")
struct PathVaultTests {
    static let catalog = CoreVaults.catalog

    func find(_ id: String) -> (Game, Int)? { CoreVaults.find(id) }

    /// The machine's straight line from the cell inside its entrance to its far wall.
    func path(_ game: Game, _ n: Int) -> [Point] {
        let m = game.level.machines[n - 1]
        let step = Direction.cardinals.map(\.offset).first { m.contains(m.entrance + $0) }!
        var line: [Point] = []
        var p = m.entrance + step
        while m.contains(p) {
            line.append(p)
            p = p + step
        }
        return line
    }

    @Test func liftingTheTreasureAcrossACollapsingBridgeDropsTheBridgeIntoTheChasm() throws {
        let found = try #require(find("collapsing-bridge"), "no collapsing bridge on seeds 1-40")
        var game = found.0
        let n = found.1
        #expect(LevelInvariants.problems(game.level).isEmpty)
        let line = path(game, n)
        let landing = try #require(line.last)
        let bridge = line.dropLast()
        #expect(bridge.allSatisfy { game.level.has(.isBridge, at: $0) && !game.level.has(.autoDescent, at: $0) })
        let room = game.level.machines[n - 1]
        let chasm = (room.origin.y..<(room.origin.y + room.height)).flatMap { y in
            (room.origin.x..<(room.origin.x + room.width)).map { Point($0, y) }
        }.filter { !line.contains($0) }
        #expect(chasm.allSatisfy { game.level.has(.autoDescent, at: $0) }, "the room is a chasm but for its path")
        #expect(game.level.itemIndex(at: landing) != nil, "the treasure waits on the landing")
        game.player.position = landing
        var events: [GameEvent] = []
        let took = game.pickUp(&events)
        #expect(took)
        #expect(bridge.allSatisfy { game.level.has(.autoDescent, at: $0) }, "the bridge fell")
        #expect(!game.level.has(.autoDescent, at: landing), "the landing holds")
    }

    @Test func aTurretWatchesTheBridgeFromBesideItsTreasure() throws {
        let (game, n) = try #require(find("bridge-turret"), "no bridge turret on seeds 1-40")
        #expect(LevelInvariants.problems(game.level).isEmpty)
        let line = path(game, n)
        let landing = try #require(line.last)
        #expect(game.level.itemIndex(at: landing) != nil)
        let guardCell = line[line.count - 2]
        let turret = try #require(game.monsters.first { $0.position == guardCell })
        #expect(Self.catalog.monsters[turret.kind].id == "arrow-turret")
        #expect(line.dropLast(2).allSatisfy { game.level.has(.isBridge, at: $0) })
    }

    @Test func aSearchFromTheShoreRevealsTheCausewayAcrossTheLake() throws {
        let found = try #require(find("lake-walk"), "no lake walk on seeds 1-40")
        var game = found.0
        let n = found.1
        #expect(LevelInvariants.problems(game.level).isEmpty)
        let line = path(game, n)
        let causeway = line.dropLast()
        #expect(causeway.allSatisfy { game.level.has(.isSecret, at: $0) && !game.level.has(.isDeep, at: $0) })
        let room = game.level.machines[n - 1]
        #expect(game.level.has(.isDeep, at: room.origin) || line.contains(room.origin), "the rest of the room is deep water")
        game.player.position = room.entrance
        var events: [GameEvent] = []
        for p in causeway { game.discoverSecret(at: p, &events) }
        let ford = try #require(Self.catalog.terrainIndexByID["causeway"])
        #expect(causeway.allSatisfy { game.level.terrain(.liquid, at: $0) == ford })
        #expect(events.contains { if case .message(let text, _) = $0 { text.contains("sunken causeway") } else { false } })
    }
}

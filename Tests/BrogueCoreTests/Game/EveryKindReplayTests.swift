import Testing

@testable import BrogueCore

/// A game that uses every new kind (each staff, wand, ring, charm, later potion, scroll and
/// weapon) replays from its actions' text to the same hash. The kinds are used a batch at a time,
/// one scripted game per batch, since 26 letters cannot hold them all.
@Suite struct EveryKindReplayTests {
    static let catalog = LaterKindsTests.catalog

    /// Every kind the issue added: by category, and the later potions, scrolls and weapons by id.
    static let kinds: [String] = {
        let later =
            ArsenalCatalog.potionsAndScrolls.map(\.0) + [
                "potion-of-hallucination", "potion-of-creeping-death", "scroll-of-protect-armor", "scroll-of-protect-weapon", "scroll-of-sanctity",
                "whip", "flail", "incendiary-darts",
            ]
        let magical = catalog.items.filter { [ItemCategory.staff, .wand, .ring, .charm].contains($0.category) }.map(\.id)
        return magical + later
    }()

    /// The arena with a sturdy player carrying `ids`, and three hunting ogres to aim at.
    static func start(_ ids: [String]) -> Game {
        var game = ArsenalCatalog.arena(catalog: catalog)
        game.player.maxHP = 10_000
        game.player.hp = 10_000
        for id in ids { _ = ArsenalCatalog.give(id, to: &game) }
        for p in [Point(26, 10), Point(28, 7), Point(28, 13)] { _ = ArsenalCatalog.place("ogre", at: p, in: &game, state: .hunting) }
        return game
    }

    /// The action that uses the item at `l` now: zapped or thrown at the nearest monster, worn,
    /// wielded, drunk, read or used.
    static func use(_ l: Letter, in game: Game) -> [Action] {
        let kind = catalog.items[game.inventory[l]!.kind]
        let me = game.player.position
        let target =
            game.monsters.filter { $0.hp > 0 && $0.position != me }.min { $0.position.distance(to: me) < $1.position.distance(to: me) }?
            .position ?? Point(me.x + 1, me.y)
        switch kind.category {
        case .staff, .wand: return [.zap(l, at: target)]
        case .ring: return [.equip(l), .rest, .remove(l)]
        case .charm: return [.use(l)]
        case .potion: return [.quaff(l)]
        case .scroll: return [.read(l, target: nil)]
        case .weapon where kind.throwable: return [.throwItem(l, at: target)]
        case .weapon: return [.equip(l), .move(.east), .move(.west)]
        default: return [.rest]
        }
    }

    @Test func aGameUsingEveryNewKindReplaysFromItsActionTextToTheSameHash() {
        var used: Set<String> = []
        let batches = stride(from: 0, to: Self.kinds.count, by: 16).map { Array(Self.kinds[$0..<min($0 + 16, Self.kinds.count)]) }
        for (n, batch) in batches.enumerated() {
            var game = Self.start(batch)
            var log: [Action] = []
            for id in batch {
                guard let l = game.inventory.letters.first(where: { Self.catalog.items[game.inventory[$0]!.kind].id == id }) else {
                    Issue.record("batch \(n): \(id) was not carried")
                    continue
                }
                for action in Self.use(l, in: game) where !game.isOver {
                    let events = game.apply(action)
                    log.append(action)
                    if !events.contains(where: { if case .refused = $0 { true } else { false } }) { used.insert(id) }
                }
            }
            var replay = Self.start(batch)
            for action in log {
                guard let decoded = Action(encoded: action.encoded) else {
                    Issue.record("batch \(n): \(action) does not survive its text form")
                    return
                }
                _ = replay.apply(decoded)
            }
            #expect(!game.isOver, "batch \(n): \(game.outcome)")
            #expect(replay.stateHash == game.stateHash, "batch \(n)")
        }
        #expect(used == Set(Self.kinds), "never used: \(Set(Self.kinds).subtracting(used).sorted())")
        #expect(Self.kinds.count >= 50)
    }
}

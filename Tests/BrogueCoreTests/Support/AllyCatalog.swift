@testable import BrogueCore

/// The bestiary catalog with the rules of allies and stealth switched on as core content has
/// them: captives freed over 5 turns, a strong search after 5 in a row, loud running, something
/// to learn from conjurers (their summons) and from a bat (flying); `captors` adds a captive horde.
enum AllyCatalog {
    static let shared: ContentCatalog = make(spawns: nil)

    /// Only captive hordes: a goblin in shackles held by two rats.
    static let captors: ContentCatalog = make(spawns: [
        SpawnEntry(kind: "goblin", depths: 1...26, weight: 10, followers: [HordeMember(kind: "rat", count: 2...2)], captive: true)
    ])

    /// The bestiary's hordes plus captive conjurers held by rats and captive goblins held by
    /// jackal-like rats, on every depth: allies, summons and absorbing in one bot game.
    static let haunted: ContentCatalog = make(
        spawns: BestiaryCatalog.haunted.spawns.monsters + [
            SpawnEntry(kind: "goblin-conjurer", depths: 1...26, weight: 25, followers: [HordeMember(kind: "rat", count: 1...2)], captive: true),
            SpawnEntry(kind: "goblin", depths: 1...26, weight: 15, followers: [HordeMember(kind: "rat", count: 1...1)], captive: true),
        ]
    )

    static func make(spawns monsters: [SpawnEntry]?) -> ContentCatalog {
        let base = BestiaryCatalog.shared
        var player = base.player
        player.freeingTurns = 5
        player.strongSearchTurns = 5
        player.runningNoise = true
        var kinds = base.monsters
        for i in kinds.indices where kinds[i].id == "goblin-conjurer" { kinds[i].learnable = ["summons"] }
        var bat = BestiaryCatalog.monster("bat", flags: [.flies])
        bat.learnable = ["flies"]
        kinds.append(bat)
        var spawns = base.spawns
        if let monsters { spawns = SpawnRules(monsters: monsters, items: spawns.items, population: spawns.population) }
        do {
            return try ContentCatalog(
                terrains: base.terrains,
                monsters: kinds,
                items: base.items,
                spawns: spawns,
                player: player,
                appearances: base.appearances,
                bolts: base.bolts
            )
        } catch {
            fatalError("ally catalog is invalid: \(error)")
        }
    }
}

/// A deterministic bot that plays like a cautious beginner: it explores each level, fights
/// what comes, zaps staffs and wands and throws missiles at approaching monsters (`ExploreBot+Zap`),
/// wears the best armor it can carry,
/// tries unknown potions and scrolls when safe, eats when hungry, and descends when a level
/// is done. It sees only what the player sees, and never steps into a hazard it can see
/// (travel and exploration avoid them). Used by `brogue sim`, tests and benchmarks.
public struct ExploreBot: Sendable {
    private var exploredDepth = 0
    private var refusals = 0
    private var waited = 0
    /// Explore steps in a row refused because a monster stood on every way forward.
    private var blockedSteps = 0
    /// The captive the bot is heading for and the steps spent on it; captives it gave up on.
    var captiveSteps: (id: Int, steps: Int) = (0, 0)
    var ignoredCaptives: [Int] = []
    /// Turns waited on the stairs for allies to come near.
    var stairsWaits = 0

    public init() {}

    /// Tells the bot what its last action produced.
    public mutating func observe(_ events: [GameEvent], game: Game) {
        var refused = false
        for e in events {
            if case .explored = e { exploredDepth = game.depth }
            if case .refused = e { refused = true }
            if case .depthChanged = e { exploredDepth = 0 }
        }
        refusals = refused ? refusals + 1 : 0
        if events.contains(.refused("Something is in the way.")) {
            blockedSteps += 1
        } else if events.contains(where: { if case .moved(let c, _, _) = $0 { c == game.player.id } else { false } }) {
            blockedSteps = 0
        }
        // A monster that never moves (a captive out of reach, a dormant statue) can bar the
        // last unexplored corner: after a while the level counts as done.
        if blockedSteps >= 6 { exploredDepth = game.depth }
    }

    /// The next action for `game`.
    public mutating func nextAction(for game: Game) -> Action {
        if refusals >= 2 { return .search }
        let me = game.player.position
        let hpPercent = game.player.hp * 100 / max(1, game.player.maxHP)
        // Only what is in sight counts for tactics; telepathy alone does not.
        let seen = game.visibleMonsters.filter { game.visible[$0.position] && $0.isHostile }
        let adjacent = seen.filter { m in
            Direction(delta: m.position - me).map { game.level.canStep(from: me, $0) } ?? false
        }
        // Nothing can hurt a guardian: step away from one that comes close.
        if let g = seen.first(where: { game.catalog.monsters[$0.kind].flags.contains(.invulnerable) && $0.position.distance(to: me) <= 2 }),
            let away = step(game, awayFrom: g.position)
        {
            return .move(away)
        }

        if hpPercent < 35 {
            if let l = find(game, { k, i in k.category == .potion && k.effect == "heal" && game.knownKinds[i.kind] }) { return .quaff(l) }
            if !adjacent.isEmpty, let l = find(game, { k, i in k.category == .potion && !game.knownKinds[i.kind] }) { return .quaff(l) }
        }
        if game.nutrition < 300, let l = find(game, { k, _ in k.category == .food }) { return .eat(l) }
        if let target = adjacent.filter({ !game.catalog.monsters[$0.kind].flags.contains(.invulnerable) }).min(by: {
            $0.hp != $1.hp ? $0.hp < $1.hp : $0.id < $1.id
        }) {
            let dir = Direction(delta: target.position - me)!
            // Confused beside lava or a chasm, a swing may stumble in: wait it out instead.
            return game.player.status.confused > 0 && game.hazardWarning(for: dir) != nil ? .search : .move(dir)
        }
        if let use = charm(game, seen: seen, hpPercent: hpPercent, adjacent: !adjacent.isEmpty) { return use }
        if let zap = zap(game, seen: seen) { return zap }
        if let throwing = find(game, { k, _ in k.throwable }),
            let target = seen.first(where: {
                $0.state == .hunting && (2...6).contains($0.position.distance(to: me)) && clearShot(game, me, $0.position)
            })
        {
            return .throwItem(throwing, at: target.position)
        }
        if let l = betterArmor(game) { return .equip(l) }
        if let l = betterWeapon(game) { return .equip(l) }
        if let l = ringToPutOn(game) { return .equip(l) }
        if let free = freeCaptive(game, hostileSeen: !seen.isEmpty, hpPercent: hpPercent) { return free }
        if waited < 5 && hpPercent >= 35 && seen.contains(where: { $0.state == .hunting && $0.position.distance(to: me) <= 7 }) {
            waited += 1
            return .search  // let it come: the first blow is ours
        }
        waited = 0
        if seen.isEmpty && hpPercent >= 70 {
            if let l = find(game, { k, i in k.category == .scroll && (!game.knownKinds[i.kind] || !k.malevolent && k.effect == "enchant") }) {
                return .read(l, target: nil)
            }
            if let l = find(game, { k, i in k.category == .potion && !game.knownKinds[i.kind] }) { return .quaff(l) }
        }
        if seen.isEmpty && hpPercent < 60 && game.nutrition > 300 { return .search }
        if game.carriesAmulet {
            return game.level.has(.stairsUp, at: me) ? .ascend : .travel(to: game.level.upStairs)
        }
        if exploredDepth == game.depth && game.depth < game.catalog.deepestLevel {
            guard game.level.has(.stairsDown, at: me) else { return .travel(to: game.level.downStairs) }
            return waitForAllies(game) ?? .descend
        }
        return .exploreStep
    }

    /// The step that puts the most distance between the player and `threat`, if any helps.
    private func step(_ game: Game, awayFrom threat: Point) -> Direction? {
        let me = game.player.position
        var best: Direction?
        var bestDistance = me.distance(to: threat)
        for d in Direction.allCases where game.level.canStep(from: me, d) && game.monsterIndex(at: me + d.offset) == nil {
            let p = me + d.offset
            if game.level.has(.isDeep, at: p) { continue }
            let dist = p.distance(to: threat)
            if dist > bestDistance {
                best = d
                bestDistance = dist
            }
        }
        return best
    }

    func find(_ game: Game, _ match: (ItemKind, Item) -> Bool) -> Letter? {
        game.inventory.letters.first { l in
            let item = game.inventory[l]!
            return match(game.catalog.items[item.kind], item) && game.inventory.weapon != l
        }
    }

    private func clearShot(_ game: Game, _ from: Point, _ to: Point) -> Bool {
        for p in Game.line(from: from, to: to, maxLength: 20) {
            if p == to { return true }
            if game.level.has(.blocksMovement, at: p) || game.monsterIndex(at: p) != nil { return false }
        }
        return false
    }

    private func armorScore(_ game: Game, _ item: Item) -> Int {
        let k = game.catalog.items[item.kind]
        return k.armor + 10 * item.enchant - 10 * max(0, k.strength - game.strength)
    }

    private func betterArmor(_ game: Game) -> Letter? {
        let current = game.inventory.armor.flatMap { game.inventory[$0] }.map { armorScore(game, $0) } ?? 0
        return game.inventory.letters.filter { game.catalog.items[game.inventory[$0]!.kind].category == .armor && game.inventory.armor != $0 }
            .max { armorScore(game, game.inventory[$0]!) < armorScore(game, game.inventory[$1]!) }
            .flatMap { armorScore(game, game.inventory[$0]!) > current ? $0 : nil }
    }

    private func weaponScore(_ game: Game, _ item: Item) -> Int {
        let k = game.catalog.items[item.kind]
        guard let d = k.damage, !k.throwable else { return 0 }
        let accuracy = max(10, 100 + k.accuracy - 4 * max(0, k.strength - game.strength))
        return Combat.enchanted((d.min + d.max) * accuracy, item.enchant)
    }

    private func betterWeapon(_ game: Game) -> Letter? {
        let current = game.inventory.weapon.flatMap { game.inventory[$0] }.map { weaponScore(game, $0) } ?? 0
        return game.inventory.letters.filter { game.catalog.items[game.inventory[$0]!.kind].category == .weapon && game.inventory.weapon != $0 }
            .max { weaponScore(game, game.inventory[$0]!) < weaponScore(game, game.inventory[$1]!) }
            .flatMap { weaponScore(game, game.inventory[$0]!) > current ? $0 : nil }
    }
}

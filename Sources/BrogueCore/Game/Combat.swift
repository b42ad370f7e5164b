/// Brogue's combat arithmetic, in 16.16 fixed point so every machine agrees.
public enum Combat {
    /// Each point of defense multiplies the attacker's hit chance by 0.986 (Brogue's
    /// defense factor); table entry d is 0.986^d in 16.16, built by integer steps.
    static let defenseFactor: [Int] = {
        var t = [65536]
        for _ in 1...2000 { t.append(t.last! * 986 / 1000) }
        return t
    }()

    /// Each point of enchantment multiplies accuracy and damage by 1.065; entries for -30...30.
    static let enchantFactor: [Int] = {
        var up = [65536]
        for _ in 1...30 { up.append(up.last! * 1065 / 1000) }
        var down = [65536]
        for _ in 1...30 { down.append(down.last! * 1000 / 1065) }
        return down.reversed().dropLast() + up
    }()

    /// Chance in percent that an attack with `accuracy` hits a target with `defense`.
    public static func hitProbability(accuracy: Int, defense: Int) -> Int {
        let d = min(max(defense, 0), defenseFactor.count - 1)
        return min(100, max(0, (accuracy * defenseFactor[d]) >> 16))
    }

    /// `value` scaled by 1.065^enchant.
    public static func enchanted(_ value: Int, _ enchant: Int) -> Int {
        (value * enchantFactor[min(max(enchant, -30), 30) + 30]) >> 16
    }

    /// Experience needed to reach `level` (level 2 at 10, doubling after).
    public static func experienceNeeded(forLevel level: Int) -> Int { level <= 1 ? 0 : 10 << (level - 2) }

    public static let maxExperienceLevel = 20
}

extension Game {
    /// The player's hit chance against defense 0: base, weapon, enchantment, strength, level.
    public var playerAccuracy: Int {
        var acc = catalog.player.accuracy + 2 * (experienceLevel - 1)
        if let l = inventory.weapon, let w = inventory[l] {
            let kind = catalog.items[w.kind]
            acc = Combat.enchanted(acc + kind.accuracy, w.enchant) - 4 * max(0, kind.strength - strength)
        }
        if nutrition <= 150 { acc -= 10 }
        return max(0, acc)
    }

    /// The player's defense: armor in tenths, its enchantment and the strength it lacks.
    public var playerDefense: Int {
        var def = catalog.player.defense
        if let l = inventory.armor, let a = inventory[l] {
            let kind = catalog.items[a.kind]
            def += kind.armor + 10 * a.enchant - 10 * max(0, kind.strength - strength)
        }
        return max(0, def)
    }

    mutating func rollPlayerDamage() -> Int {
        if let l = inventory.weapon, let w = inventory[l], let d = catalog.items[w.kind].damage {
            let raw = rng.clumped(d.min...d.max, clump: d.clump)
            return max(1, Combat.enchanted(raw, w.enchant))
        }
        let d = catalog.player.damage
        return max(1, rng.clumped(d.min...d.max, clump: d.clump))
    }

    /// The player strikes monster `i`. Sleeping or paralysed monsters are hit for triple damage; a
    /// `lunge` never misses and deals `WeaponAttack.lungeMultiplier` times the damage (not both).
    /// - Returns: the ticks the blow took (none when a weapon of speed acted).
    @discardableResult
    mutating func playerAttack(_ i: Int, lunge: Bool = false, _ events: inout [GameEvent]) -> Int {
        if let ticks = cowers(before: i, &events) { return ticks }
        noise = 1
        var m = monsters[i]
        let kind = catalog.monsters[m.kind]
        if m.submerged {
            events.append(.message("Something slips away beneath the water.", .combat))
            return 100
        }
        let sneak = m.state == .sleeping || m.state == .dormant || m.status.paralyzed > 0
        let hit = sneak || lunge || rng.percent(Combat.hitProbability(accuracy: playerAccuracy, defense: defense(of: m)))
        guard hit else {
            events.append(.attacked(attacker: player.id, defender: m.id, damage: 0, hit: false))
            events.append(.message("You miss the \(seenName(of: m)).", .combat))
            if m.state == .sleeping || m.state == .wandering { monsters[i].state = .hunting }
            return 100
        }
        var damage = rollPlayerDamage()
        if sneak { damage *= 3 } else if lunge { damage *= WeaponAttack.lungeMultiplier }
        if kind.flags.contains(.invulnerable) || kind.flags.contains(.immuneToWeapons) {
            events.append(.attacked(attacker: player.id, defender: m.id, damage: 0, hit: true))
            events.append(.message("Your blow glances off the \(seenName(of: m)) harmlessly.", .combat))
            return 100
        }
        damage = absorbed(damage, by: i)
        m.status.shield = monsters[i].status.shield
        damage = weaponRunicDamage(damage, on: i, hp: m.hp, &events)
        m.hp -= damage
        events.append(.attacked(attacker: player.id, defender: m.id, damage: damage, hit: true))
        ringsAfterHit(damage: damage, &events)
        if kind.flags.contains(.acidic) { corrode(.weapon, &events) }
        if m.hp <= 0 {
            monsters[i] = m
            killMonster(i, &events)
            return 100
        }
        events.append(.message(sneak ? "You strike the unaware \(seenName(of: m))!" : "You hit the \(seenName(of: m)).", .combat))
        if m.state == .sleeping || m.state == .wandering { m.state = .hunting }
        if m.state == .dormant {
            m.state = .hunting
            m.machine = 0
        }
        monsters[i] = m
        if kind.flags.contains(.splitsWhenHit) { split(i, &events) }
        return weaponRunicAfterHit(i, &events)
    }

    /// Monster `i` attacks the player.
    mutating func monsterAttack(_ i: Int, _ events: inout [GameEvent]) {
        let m = monsters[i]
        let kind = catalog.monsters[m.kind]
        guard rng.percent(Combat.hitProbability(accuracy: accuracy(of: m), defense: playerDefense)) else {
            events.append(.attacked(attacker: m.id, defender: player.id, damage: 0, hit: false))
            events.append(.message("The \(seenName(of: m)) misses you.", .combat))
            return
        }
        if steal(by: i, &events) { return }
        var damage = max(0, rng.clumped(kind.damage.min...kind.damage.max, clump: kind.damage.clump))
        damage = armorRunicDamage(damage, from: i, &events)
        if player.status.shield > 0 {
            let soaked = min(damage, player.status.shield)
            player.status.shield -= soaked
            damage -= soaked
        }
        player.hp -= damage
        events.append(.attacked(attacker: m.id, defender: player.id, damage: damage, hit: true))
        events.append(.message("The \(seenName(of: m)) hits you.", .combat))
        if player.hp <= 0 {
            die(cause: "killed by \(article(kind.name)) \(kind.name)", &events)
            return
        }
        if kind.flags.contains(.acidic) { corrode(.armor, &events) }
        armorRunicAfterBlow(damage, from: i, &events)
    }

    /// Removes nothing yet (the scheduler sweeps the dead), grants experience.
    mutating func killMonster(_ i: Int, _ events: inout [GameEvent]) {
        let m = monsters[i]
        let kind = catalog.monsters[m.kind]
        monsters[i].hp = min(m.hp, 0)
        monsters[i].position = Point(-1, -1)
        events.append(.died(creature: m.id, kind: m.kind))
        events.append(.message("You kill the \(seenName(of: m)).", .combat))
        leaveRemains(of: i, at: m.position, &events)
        gainExperience(kind.xp, &events)
        fireHooks(.death, at: m.position, &events)
    }

    mutating func gainExperience(_ xp: Int, _ events: inout [GameEvent]) {
        experience += xp
        while experienceLevel < Combat.maxExperienceLevel && experience >= Combat.experienceNeeded(forLevel: experienceLevel + 1) {
            experienceLevel += 1
            player.maxHP += 2
            player.hp += 2
            events.append(.levelUp(experienceLevel))
            events.append(.message("Welcome to level \(experienceLevel).", .good))
        }
    }

    func article(_ name: String) -> String {
        guard let c = name.first else { return "a" }
        return "aeiou".contains(c) ? "an" : "a"
    }
}

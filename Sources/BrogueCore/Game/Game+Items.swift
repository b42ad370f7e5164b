extension Game {
    /// Picks up what lies under the player; returns false when the pack is full.
    mutating func pickUp(_ events: inout [GameEvent]) -> Bool {
        guard let i = level.itemIndex(at: player.position) else { return false }
        if itemHeld(at: player.position, &events) { return false }
        scratch.epoch += 1
        let item = level.items[i].item
        let kind = catalog.items[item.kind]
        if kind.category == .gold {
            gold += item.quantity
            level.items.remove(at: i)
            events.append(.message("You found \(item.quantity) pieces of gold.", .good))
            return true
        }
        guard let letter = inventory.add(item, catalog: catalog) else {
            events.append(.refused("Your pack is too full to pick up \(displayName(item))."))
            return false
        }
        let from = level.items[i].position
        level.items.remove(at: i)
        events.append(.pickedUp(letter))
        liftedItem(from: from, &events)
        events.append(.message("You now have \(displayName(inventory[letter]!)) (\(letter)).", .info))
        if kind.category == .amulet { events.append(.message("You have the Amulet of Yendor! Now escape with it.", .good)) }
        return true
    }

    mutating func drop(_ letter: Letter, _ events: inout [GameEvent]) -> Int? {
        guard inventory[letter] != nil else { return refuse("You have no item \(letter).", &events) }
        guard level.itemIndex(at: player.position) == nil else { return refuse("There is already something here.", &events) }
        let item = inventory.take(letter)!
        level.items.append(FloorItem(item: item, position: player.position))
        scratch.epoch += 1
        events.append(.message("You drop \(displayName(item)).", .info))
        commute(at: player.position, &events)
        return 100
    }

    mutating func equip(_ letter: Letter, _ events: inout [GameEvent]) -> Int? {
        guard let item = inventory[letter] else { return refuse("You have no item \(letter).", &events) }
        let kind = catalog.items[item.kind]
        switch kind.category {
        case .weapon:
            guard inventory.weapon != letter else { return refuse("You are already wielding that.", &events) }
            inventory.weapon = letter
        case .armor:
            guard inventory.armor != letter else { return refuse("You are already wearing that.", &events) }
            inventory.armor = letter
        case .ring:
            return putOn(letter, &events)
        default:
            return refuse("You cannot equip \(displayName(item)).", &events)
        }
        if kind.category == .weapon {
            inventory[letter]!.enchantKnown = true
        } else if !inventory[letter]!.enchantKnown {
            inventory[letter]!.rechargeIn = Self.revealTurns
        }
        events.append(.message("You are now \(kind.category == .weapon ? "wielding" : "wearing") \(displayName(inventory[letter]!)).", .info))
        if kind.strength > strength { events.append(.message("It is too heavy for you to use well.", .warning)) }
        return 100
    }

    mutating func unequip(_ letter: Letter, _ events: inout [GameEvent]) -> Int? {
        guard let item = inventory[letter] else { return refuse("You have no item \(letter).", &events) }
        if inventory.weapon == letter {
            inventory.weapon = nil
        } else if inventory.armor == letter {
            inventory.armor = nil
        } else if inventory.rings.contains(letter) {
            return takeOff(letter, &events)
        } else {
            return refuse("You are not using \(displayName(item)).", &events)
        }
        events.append(.message("You are no longer using \(displayName(item)).", .info))
        return 100
    }

    mutating func eat(_ letter: Letter, _ events: inout [GameEvent]) -> Int? {
        guard let item = inventory[letter] else { return refuse("You have no item \(letter).", &events) }
        let kind = catalog.items[item.kind]
        guard kind.category == .food else { return refuse("You cannot eat \(displayName(item)).", &events) }
        _ = inventory.take(letter, count: 1)
        nutrition = min(catalog.player.stomach, nutrition + kind.nutrition)
        events.append(.itemUsed(kind: item.kind))
        events.append(.message("That food tasted delicious!", .good))
        return 100
    }

    /// How far a thrown item flies, in cells.
    static let throwRange = 20

    /// Throws one of the item toward `target`: it flies in a line until it strikes a creature
    /// or an obstacle, or lands at the target. Missile weapons roll to hit; potions shatter.
    mutating func throwItem(_ letter: Letter, at target: Point, _ events: inout [GameEvent]) -> Int? {
        guard inventory[letter] != nil else { return refuse("You have no item \(letter).", &events) }
        guard target != player.position, level.contains(target) else { return refuse("Throw it where?", &events) }
        var item = inventory.take(letter, count: 1)!
        let kind = catalog.items[item.kind]
        var landing = player.position
        for p in Self.line(from: player.position, to: target, maxLength: Self.throwRange) {
            if level.has(.blocksMovement, at: p) { break }
            landing = p
            if let m = monsterIndex(at: p), !monsters[m].submerged {
                noise = 1
                let seen = seenName(of: monsters[m])
                if kind.category == .weapon,
                    let d = kind.damage,
                    rng.percent(
                        Combat.hitProbability(
                            accuracy: Combat.enchanted(playerAccuracy + kind.accuracy, item.enchant),
                            defense: defense(of: monsters[m])
                        )
                    )
                {
                    let damage = absorbed(max(1, Combat.enchanted(rng.clumped(d.min...d.max, clump: d.clump), item.enchant)), by: m)
                    monsters[m].hp -= damage
                    events.append(.attacked(attacker: player.id, defender: monsters[m].id, damage: damage, hit: true))
                    if catalog.monsters[monsters[m].kind].flags.contains(.acidic) { corrodeThrown(&item, &events) }
                    if monsters[m].hp <= 0 {
                        killMonster(m, &events)
                    } else {
                        events.append(.message("The \(kind.name) hits the \(seen).", .combat))
                        monsters[m].state = monsters[m].state == .fleeing ? .fleeing : .hunting
                    }
                } else {
                    events.append(.message("The \(kind.name) misses the \(seen).", .combat))
                    if monsters[m].state != .fleeing { monsters[m].state = .hunting }
                }
                break
            }
        }
        landedOnPlate(at: landing, kind.name, &events)
        if kind.category == .potion {
            events.append(.message("The flask shatters.", .info))
        } else if burst(kind, at: landing, &events) {
            return 100
        } else {
            land(item, at: landing, &events)
        }
        return 100
    }

    /// The cells an item thrown toward `target` would cross: up to the target, the first creature
    /// or the cell before a wall, as `throwItem` flies it. Front ends draw it while aiming.
    public func thrownPath(toward target: Point) -> [Point] {
        var path: [Point] = []
        for p in Self.line(from: player.position, to: target, maxLength: Self.throwRange) {
            if level.has(.blocksMovement, at: p) { break }
            path.append(p)
            if monsterIndex(at: p) != nil { break }
        }
        return path
    }

    /// Puts an item on the floor at `p` or the nearest free floor cell around it.
    mutating func dropNear(_ item: Item, _ p: Point) {
        var spot = p
        if level.itemIndex(at: p) != nil {
            for d in Direction.allCases {
                let c = p + d.offset
                if level.isPassable(c) && level.itemIndex(at: c) == nil && level.flags[c].isDisjoint(with: [.lethalFire, .autoDescent]) {
                    spot = c
                    break
                }
            }
        }
        level.items.append(FloorItem(item: item, position: spot))
        scratch.epoch += 1
    }

    /// Cells on a Bresenham line from `from` (excluded) toward `to`, continuing past it
    /// until `maxLength` steps, as a thrown item flies.
    static func line(from: Point, to: Point, maxLength: Int) -> [Point] {
        let dx = abs(to.x - from.x)
        let dy = -abs(to.y - from.y)
        let sx = from.x < to.x ? 1 : -1
        let sy = from.y < to.y ? 1 : -1
        var err = dx + dy
        var x = from.x
        var y = from.y
        var out: [Point] = []
        while out.count < maxLength {
            if x == to.x && y == to.y { break }
            let e2 = 2 * err
            if e2 >= dy {
                err += dy
                x += sx
            }
            if e2 <= dx {
                err += dx
                y += sy
            }
            out.append(Point(x, y))
        }
        return out
    }

    /// The item's name as the player knows it: "3 darts", "a +1 sword", "a pink potion".
    public func displayName(_ item: Item) -> String {
        let kind = catalog.items[item.kind]
        var base: String
        switch kind.category {
        case .potion where !knownKinds[item.kind]:
            base = "\(catalog.appearances.potionColors[potionAppearance[item.kind]].name) potion"
        case .scroll where !knownKinds[item.kind]:
            base = "scroll entitled \"\(scrollTitles[item.kind])\""
        case .staff, .wand, .ring:
            base = knownKinds[item.kind] ? kind.name : unknownName(of: item.kind)
        default:
            base = kind.name
        }
        if [.weapon, .armor, .ring, .charm].contains(kind.category) && item.enchantKnown {
            base = (item.enchant >= 0 ? "+" : "") + "\(item.enchant) " + base
        }
        if item.runicKnown, let r = runic(of: item) { base += " of \(r.name)" }
        if kind.category == .charm { base += item.charges > 0 ? " [ready]" : " [\(item.rechargeIn)]" }
        if kind.category == .staff { base += " [\(item.charges)/\(item.enchant)]" }
        if kind.category == .wand { base += " [\(item.charges)]" }
        if kind.category == .gold { return "\(item.quantity) gold pieces" }
        if item.quantity > 1 { return "\(item.quantity) \(Self.plural(base))" }
        if kind.category == .amulet { return "the \(base)" }
        return "\(article(base)) \(base)"
    }

    /// "potion of healing" -> "potions of healing", "dart" -> "darts".
    static func plural(_ name: String) -> String {
        var words = name.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let k = (words.firstIndex { $0 == "of" || $0 == "entitled" } ?? words.count) - 1
        guard k >= 0, !words[k].hasSuffix("s") else { return name }
        words[k] += "s"
        return words.joined(separator: " ")
    }
}

extension Game {
    /// Quaffs a potion or reads a scroll: runs its effect, then the kind is known.
    mutating func use(_ letter: Letter, as category: ItemCategory, target: Letter?, _ events: inout [GameEvent]) -> Int? {
        guard let item = inventory[letter] else { return refuse("You have no item \(letter).", &events) }
        let kind = catalog.items[item.kind]
        guard kind.category == category else {
            return refuse(category == .potion ? "You cannot drink that." : "You cannot read that.", &events)
        }
        _ = inventory.take(letter, count: 1)
        let wasKnown = knownKinds[item.kind]
        knownKinds[item.kind] = true
        events.append(.itemUsed(kind: item.kind))
        if !wasKnown {
            events.append(.identified(kind: item.kind))
            events.append(.message("It was \(article(kind.name)) \(kind.name).", .info))
        }
        let power = kind.nativePower.map { nativePower($0, power: kind.power) } ?? kind.power
        if let name = kind.effect, let effect = ItemEffect(rawValue: name) {
            apply(effect, power: power, target: target, &events)
        } else if let name = kind.effect, let effect = catalog.extensions.itemEffects[name] {
            _ = effect.apply(target: player.position, power: power, game: &self, events: &events)
        }
        return 100
    }

    mutating func apply(_ effect: ItemEffect, power: Int, target: Letter?, _ events: inout [GameEvent]) {
        switch effect {
        case .heal:
            let amount = max(1, player.maxHP * max(power, 1) / 100)
            player.hp = min(player.maxHP, player.hp + amount)
            player.status.confused = 0
            player.status.darkened = 0
            events.append(.message("You feel better.", .good))
        case .teleport:
            if let p = randomOpenCell(awayFrom: player.position) {
                player.position = p
                scratch.invalidate()
                events.append(.message("You blink and find yourself elsewhere.", .info))
            }
        case .identify:
            let chosen = target.flatMap { inventory[$0] != nil ? $0 : nil } ?? inventory.letters.first { !isFullyKnown(inventory[$0]!) }
            guard let l = chosen else {
                events.append(.message("You already know everything you carry.", .info))
                return
            }
            knownKinds[inventory[l]!.kind] = true
            inventory[l]!.enchantKnown = true
            if inventory[l]!.runic != 0 { inventory[l]!.runicKnown = true }
            events.append(.identified(kind: inventory[l]!.kind))
            events.append(.message("It is \(displayName(inventory[l]!)).", .good))
        case .enchant:
            let chosen =
                target.flatMap { l in inventory[l].flatMap { isEnchantable($0) ? l : nil } } ?? inventory.armor ?? inventory.weapon
            guard let l = chosen else {
                events.append(.message("You feel a strange sense of loss.", .info))
                return
            }
            inventory[l]!.enchant += max(1, power)
            events.append(.message("Your \(catalog.items[inventory[l]!.kind].name) gleams.", .good))
        case .strength:
            strength += max(1, power)
            events.append(.message("You feel stronger.", .good))
        case .life:
            player.maxHP += max(0, power)
            player.hp = player.maxHP
            events.append(.message("You feel more resilient.", .good))
        case .descent:
            if depth < catalog.deepestLevel {
                events.append(.message("You sink through the floor.", .info))
                changeDepth(depth + 1, arriving: .fall, &events)
            } else {
                events.append(.message("The floor here is too solid.", .info))
            }
        case .magicMapping:
            for i in level.magicMapped.cells.indices where !level.flags.cells[i].contains(.isImpregnable) { level.magicMapped.cells[i] = true }
            let secrets = level.flags.cells.indices.filter { level.flags.cells[$0].contains(.isSecret) }
            var ignored: [GameEvent] = []
            for i in secrets { discoverSecret(at: level.flags.point(at: i), &ignored) }
            scratch.epoch += 1
            events.append(.message("An image of your surroundings coalesces in your mind.", .good))
        case .haste:
            player.status.hasted = max(player.status.hasted, max(1, power))
            events.append(.message("You feel yourself speed up.", .good))
        case .telepathy:
            player.status.telepathic = max(player.status.telepathic, max(1, power))
            events.append(.message("You can somehow feel the presence of other creatures' minds.", .good))
        case .detectMagic:
            for fi in level.items { level.magicMapped[fi.position] = true }
            scratch.epoch += 1
            events.append(.message("You sense the magic around you.", .good))
        case .confusion:
            player.status.confused = max(player.status.confused, max(1, power))
            events.append(.message("You feel confused.", .bad))
        case .darkness:
            player.status.darkened = max(player.status.darkened, max(1, power))
            events.append(.message("Your vision flickers as a cloak of darkness settles around you.", .bad))
        case .incineration:
            events.append(.message("Flames billow out around you!", .bad))
            for i in monsters.indices where monsters[i].position.distance(to: player.position) <= 1 {
                monsters[i].hp -= power
                if monsters[i].hp <= 0 { killMonster(i, &events) }
            }
            player.hp -= max(1, power / 2)
            if player.hp <= 0 { die(cause: "burned to death", &events) }
        case .paralysis:
            player.status.paralyzed = max(player.status.paralyzed, max(1, power))
            events.append(.message("Your muscles stiffen as a cloud of pink gas bursts from the vial!", .bad))
        case .aggravateMonsters:
            for i in monsters.indices where monsters[i].state != .fleeing { monsters[i].state = .hunting }
            events.append(.message("You hear a high-pitched shriek.", .bad))
        case .summonMonsters:
            var n = 0
            for _ in 0..<max(1, power) { n += spawnHorde(awayFrom: nil, near: player.position, state: .hunting) }
            events.append(.message(n > 0 ? "Monsters appear around you!" : "You hear a distant rumble.", .bad))
        case .protection, .invisibility, .levitation, .fireImmunity, .shattering, .recharging, .negation, .discord, .removeCurse:
            applyWardingEffect(effect, power: power, &events)
        case .hallucination, .creepingDeath, .protectArmor, .protectWeapon, .sanctity:
            applyLaterEffect(effect, power: power, &events)
        case .fearImmunity: becomeFearless(for: power, &events)
        case .extraHealing: extraHeal(power: power, &events)
        }
    }

    func isFullyKnown(_ item: Item) -> Bool {
        let c = catalog.items[item.kind].category
        if c == .weapon || c == .armor { return item.enchantKnown && (item.runic == 0 || item.runicKnown) }
        if c == .ring { return knownKinds[item.kind] && item.enchantKnown }
        return knownKinds[item.kind]
    }

    func isEnchantable(_ item: Item) -> Bool {
        let c = catalog.items[item.kind].category
        return c == .weapon || c == .armor
    }
}

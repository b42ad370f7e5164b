/// The item effects that charms share with the later potions and scrolls: wards on the user,
/// walls that crumble, staffs refilled, and the monsters in view negated or set against each other.
extension Game {
    mutating func applyWardingEffect(_ effect: ItemEffect, power: Int, _ events: inout [GameEvent]) {
        let amount = max(1, power)
        switch effect {
        case .protection:
            player.status.shield = max(player.status.shield, amount)
            player.status.shielded = max(player.status.shielded, 20)
            events.append(.message("A shimmering shield coalesces around you.", .good))
        case .invisibility:
            player.status.invisible = max(player.status.invisible, amount)
            events.append(.message("You shiver as a chill runs up your spine: you are invisible.", .good))
        case .levitation:
            player.status.levitating = max(player.status.levitating, amount)
            events.append(.message("You float into the air!", .good))
        case .fireImmunity:
            player.status.fireImmune = max(player.status.fireImmune, amount)
            events.append(.message("A comforting breeze envelops you, and you no longer fear fire.", .good))
        case .shattering:
            let n = shatter(radius: amount)
            events.append(.message(n > 0 ? "The walls around you crumble away!" : "The ground trembles a little.", .info))
        case .recharging:
            rechargeAll()
            events.append(.message("A surge of energy courses through your pack.", .good))
        case .negation:
            for j in monsters.indices where monsters[j].hp > 0 && canSee(monsters[j]) { negate(j, &events) }
            events.append(.message("A wave of negation washes out from you.", .info))
        case .discord:
            var n = 0
            for j in monsters.indices where monsters[j].hp > 0 && monsters[j].isHostile && canSee(monsters[j]) {
                monsters[j].status.discordant = max(monsters[j].status.discordant, amount)
                n += 1
            }
            events.append(.message(n > 0 ? "The monsters in view turn on each other!" : "You hear a faint discord.", .info))
        case .removeCurse:
            var lifted = false
            for l in inventory.letters where inventory[l]!.enchant < 0 && !inventory[l]!.curseLifted {
                inventory[l]!.curseLifted = true
                lifted = true
            }
            events.append(
                .message(
                    lifted ? "Your pack glows with a cleansing light, and a malevolent aura leaves." : "Your pack glows with a cleansing light.",
                    .good
                )
            )
        default:
            break
        }
    }

    /// Turns the walls within `radius` steps (that a tunnelling bolt could bore) into floor; returns how many.
    private mutating func shatter(radius: Int) -> Int {
        let origin = player.position
        let r2 = radius * radius + radius
        var n = 0
        for dy in -radius...radius {
            for dx in -radius...radius where dx * dx + dy * dy <= r2 {
                let p = Point(origin.x + dx, origin.y + dy)
                guard level.contains(p), level.has(.blocksMovement, at: p), canBore(p), !level.has(.isImpregnable, at: p) else { continue }
                bore(p)
                n += 1
            }
        }
        if n > 0 {
            scratch.invalidate()
            scratch.epoch += 1
        }
        return n
    }
}

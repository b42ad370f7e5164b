/// How the bot uses rings and charms: it puts on every ring it finds while a finger is free (and
/// not one it knows is cursed), heals or flees with a charm when hurt, shakes off fear with one, and uses its fighting
/// charms when a hunting monster comes close.
extension ExploreBot {
    /// A charm worth using now, if any.
    func charm(_ game: Game, seen: [Creature], hpPercent: Int, adjacent: Bool) -> Action? {
        func ready(_ effects: Set<String>, bolt: Bool = false) -> Letter? {
            find(game) { k, i in k.category == .charm && i.charges > 0 && (k.effect.map { effects.contains($0) } ?? bolt) }
        }
        if hpPercent < 50, let l = ready(["heal"]) { return .use(l) }
        if game.player.status.frightened > 0, let l = ready(["fear-immunity"]) { return .use(l) }
        if hpPercent < 25, adjacent, let l = ready(["teleport"]) { return .use(l) }
        let staffsEmpty = game.inventory.letters.contains { l in
            game.catalog.items[game.inventory[l]!.kind].category == .staff && game.inventory[l]!.charges == 0
        }
        if staffsEmpty, let l = ready(["recharging"]) { return .use(l) }
        let me = game.player.position
        guard seen.contains(where: { $0.state == .hunting && $0.position.distance(to: me) <= 3 }) else { return nil }
        if let l = ready(["protection", "haste", "invisibility", "negation", "discord", "telepathy", "levitation"], bolt: true) { return .use(l) }
        return nil
    }

    /// A ring to put on, if a finger is free.
    func ringToPutOn(_ game: Game) -> Letter? {
        guard game.inventory.rings.count < Inventory.ringSlots else { return nil }
        return game.inventory.letters.first { l in
            let item = game.inventory[l]!
            return game.catalog.items[item.kind].category == .ring && !game.inventory.rings.contains(l) && !(item.enchantKnown && item.enchant < 0)
        }
    }
}

/// How the bot uses staffs and wands: harmful bolts at a hunting monster with a clear line,
/// conjuration when one comes close, and kind bolts on its allies when a fight is on.
extension ExploreBot {
    /// A zap worth making now, if any.
    func zap(_ game: Game, seen: [Creature]) -> Action? {
        let me = game.player.position
        let foes = seen.filter { $0.state == .hunting && !game.catalog.monsters[$0.kind].flags.contains(.invulnerable) }
        guard let foe = foes.first, foe.position.distance(to: me) <= 7 else { return nil }
        for l in game.inventory.letters {
            guard let item = game.inventory[l], item.charges > 0, let bolt = game.bolt(of: l) else { continue }
            if let target = target(for: bolt, foe: foe, foes: foes, game: game) { return .zap(l, at: target) }
        }
        return nil
    }

    private func target(for bolt: BoltKind, foe: Creature, foes: [Creature], game: Game) -> Point? {
        let me = game.player.position
        func clear(_ p: Point) -> Bool {
            game.boltPath(toward: p, reach: bolt.reach, passesThroughCreatures: bolt.passesThroughCreatures).contains(p)
        }
        switch bolt.effect {
        case .damage, .poison, .slow, .entrance, .teleportOther, .negate, .frighten:
            return foe.position.distance(to: me) >= 2 && clear(foe.position) ? foe.position : nil
        case .discord:
            return foes.count >= 2 && clear(foe.position) ? foe.position : nil
        case .dominate:
            return foe.hp * 5 < foe.maxHP && clear(foe.position) ? foe.position : nil
        case .conjure:
            return foe.position.distance(to: me) <= 3 ? me : nil
        case .heal, .haste, .protect, .empower:
            let ally = game.visibleMonsters.first { $0.state == .ally && $0.lifespan == 0 && game.visible[$0.position] && clear($0.position) }
            guard let ally, bolt.effect != .heal || ally.hp * 2 < ally.maxHP else { return nil }
            return ally.position
        case .tunnel, .blink, .obstruct, .beckon, .polymorph, .plenty, .invisibility:
            return nil
        }
    }
}

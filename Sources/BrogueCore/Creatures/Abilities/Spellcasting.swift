/// An awake hunting monster with abilities it uses on its own turn (`casts-bolt`, `summons`):
/// tries each in the order its kind lists them, and hands the turn on when none applies.
/// Every ability needs the monster to see the player, so monsters far away spend no time on it.
struct Spellcasting: MonsterBehaviour {
    func intent(monster i: Int, game: inout Game, events: inout [GameEvent]) -> MonsterIntent {
        let m = game.monsters[i]
        let kind = game.catalog.monsters[m.kind]
        guard !kind.abilities.isEmpty, m.state == .hunting, m.status.discordant == 0, !m.submerged, game.monsterSeesPlayer(i) else {
            return .defaultAI
        }
        for (a, ability) in kind.abilities.enumerated() {
            switch ability.rule {
            case .castsBolt:
                if let target = game.boltTarget(for: i, ability), game.rng.percent(ability.chance) { return .useAbility(a, at: target) }
            case .summons:
                if !game.hasLivingSummons(i), game.rng.percent(ability.chance) { return .useAbility(a, at: m.position) }
            case .steals, .diesInto, .carriesItem, .bursts: continue
            }
        }
        return .defaultAI
    }
}

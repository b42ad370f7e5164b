/// The bot and captives: it frees those it sees when nothing hostile is in sight, gives up on one
/// it cannot reach, and waits on the stairs for its allies to come along.
extension ExploreBot {
    /// Steps spent heading for one captive before the bot leaves it be.
    static let captivePatience = 40

    /// A turn of freeing a captive: bump one beside the player, or travel to the free cell beside
    /// the nearest one in view. Nil when something hostile is in sight, the player is hurt, or there
    /// is no captive it has not given up on.
    mutating func freeCaptive(_ game: Game, hostileSeen: Bool, hpPercent: Int) -> Action? {
        guard !hostileSeen, hpPercent >= 50 else { return nil }
        let me = game.player.position
        let captives = game.visibleMonsters.filter { $0.state == .captive && game.visible[$0.position] && !ignoredCaptives.contains($0.id) }
        guard let c = captives.first else { return nil }
        if captiveSteps.id != c.id { captiveSteps = (c.id, 0) }
        captiveSteps.steps += 1
        if captiveSteps.steps > Self.captivePatience {
            ignoredCaptives.append(c.id)
            return nil
        }
        if let d = Direction(delta: c.position - me), game.level.canStep(from: me, d) { return .move(d) }
        let beside = Direction.allCases.compactMap { d -> Point? in
            let p = c.position - d.offset
            guard game.level.contains(p), game.level.isPassable(p), game.level.discovered[p], game.monsterIndex(at: p) == nil,
                game.level.flags[p].isDisjoint(with: .hazards), game.level.canStep(from: p, d)
            else { return nil }
            return p
        }
        guard let spot = beside.min(by: { $0.distance(to: me) < $1.distance(to: me) }) else {
            ignoredCaptives.append(c.id)
            return nil
        }
        return .travel(to: spot)
    }

    /// On the stairs: rest a turn (at most 5 in a row) while an ally of its own (not a summons) is
    /// on its way, within 8 steps but too far to come along.
    mutating func waitForAllies(_ game: Game) -> Action? {
        let me = game.player.position
        let coming = game.monsters.contains { $0.state == .ally && $0.summoner == 0 && (3...8).contains($0.position.distance(to: me)) }
        guard coming, stairsWaits < 5 else {
            stairsWaits = 0
            return nil
        }
        stairsWaits += 1
        return .rest
    }
}

/// What a monster senses of the player, for the built-in behaviours.
extension Game {
    /// Whether monster `i` sees the player: sight is symmetric, so the player's view says; an
    /// invisible player is seen from 2 steps at most.
    func monsterSeesPlayer(_ i: Int) -> Bool {
        visible[monsters[i].position] && (player.status.invisible == 0 || playerDistance(from: i) <= 2)
    }

    /// How far away monster `i` notices the player: the whole level for keen senses, else the stealth range.
    func noticeRange(of i: Int) -> Int {
        catalog.monsters[monsters[i].kind].flags.contains(.keenSenses) ? Dungeon.width : stealthRange
    }

    /// Monster `i`'s distance to the player, in steps.
    func playerDistance(from i: Int) -> Int { monsters[i].position.distance(to: player.position) }

    /// The direction from monster `i` to the player when the player is next to it and the step
    /// between them is open, so a blow can land; nil otherwise.
    func playerDirection(from i: Int) -> Direction? {
        let pos = monsters[i].position
        guard let dir = Direction(delta: player.position - pos), level.canStep(from: pos, dir) else { return nil }
        return dir
    }
}

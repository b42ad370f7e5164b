extension Game {
    /// Recomputes what the player sees: line of sight, limited to the light radius except where
    /// glowing terrain lights a cell; seen cells become remembered.
    mutating func updateVision() {
        let origin = player.position
        FieldOfView.compute(from: origin, radius: Dungeon.width, opaque: level.flags, into: &visible)
        let r = lightRadius
        let r2 = r * r + r
        var lvl = levels[depth - 1]!
        levels[depth - 1] = nil  // keep the level uniquely referenced while it is edited
        let w = Dungeon.width
        var learned = false
        for i in visible.cells.indices where visible.cells[i] {
            let dx = i % w - origin.x
            let dy = i / w - origin.y
            if dx * dx + dy * dy > r2 && !lvl.lit.cells[i] {
                visible.cells[i] = false
            } else if !lvl.discovered.cells[i] {
                lvl.discovered.cells[i] = true
                learned = true
            }
        }
        levels[depth - 1] = lvl
        if learned { scratch.epoch += 1 }
        applyClairvoyance()
    }

    /// Whether the player can see the monster (line of sight and light, or telepathy).
    public func canSee(_ m: Creature) -> Bool {
        if player.status.telepathic > 0 { return true }
        guard visible[m.position], !m.submerged else { return false }
        if catalog.monsters[m.kind].flags.contains(.invisible) || m.status.invisible > 0 { return m.position.distance(to: player.position) <= 1 }
        return true
    }

    /// The monsters the player can see, nearest first (ties by creation order).
    public var visibleMonsters: [Creature] {
        // The comparison captures only the player's position: a closure reading `player` would
        // copy the whole game (retaining each of its buffers) on every comparison.
        let at = player.position
        return monsters.filter { canSee($0) }.sorted {
            let a = $0.position.distance(to: at)
            let b = $1.position.distance(to: at)
            return a != b ? a < b : $0.id < $1.id
        }
    }

    /// The allies on this level the player cannot see, in creation order: a telepathic bond shows
    /// them anyway (in the sidebar and on the map).
    public var bondedAllies: [Creature] { monsters.filter { $0.state == .ally && $0.hp > 0 && !canSee($0) } }

    /// Every ally of the player: those on this level first, then those left on other levels
    /// (shallowest first), each with its depth.
    public var allAllies: [(depth: Int, ally: Creature)] {
        var out = monsters.filter { $0.state == .ally && $0.hp > 0 }.map { (depth, $0) }
        for (d, frozen) in frozenMonsters.enumerated() where d + 1 != depth {
            out += frozen.filter { $0.state == .ally && $0.hp > 0 }.map { (d + 1, $0) }
        }
        return out
    }

    /// How far away monsters notice the player this turn.
    var stealthRange: Int {
        var r = catalog.player.stealthRange - ringBonus(.stealth)
        if noise < 0 { r /= 2 }
        if noise > 0 { r *= 2 }
        if player.status.darkened > 0 { r /= 2 }
        return max(2, r)
    }
}

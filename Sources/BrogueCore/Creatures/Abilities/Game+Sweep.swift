/// `attacks-all-adjacent`: one swing reaches everyone around.
extension Game {
    /// An `attacks-all-adjacent` monster `i` has struck at `first`: it strikes every other foe
    /// next to it too (the player, and allies or hostile monsters by side), in a fixed order.
    mutating func sweep(_ i: Int, besides first: Point, _ events: inout [GameEvent]) {
        let me = monsters[i]
        for d in Direction.allCases where level.canStep(from: me.position, d) {
            let p = me.position + d.offset
            guard p != first, outcome == .playing, monsters[i].hp > 0 else { continue }
            if p == player.position {
                if me.isHostile || me.status.discordant > 0 { monsterAttack(i, &events) }
            } else if let j = monsterIndex(at: p), !monsters[j].submerged, isFoe(me, monsters[j]) {
                monsterAttack(i, monster: j, &events)
            }
        }
    }
}

/// Fear: a bolt that frightens (`BoltEffect.frighten`), the player who cannot bring itself to
/// strike while frightened, and the charm of fear immunity (`ItemEffect.fearImmunity`) that keeps
/// fear out.
extension Game {
    /// Monster `j` runs from the player for `turns` turns; a sleeping or dormant one wakes to flee.
    mutating func frighten(_ j: Int, turns: Int, _ events: inout [GameEvent]) {
        monsters[j].status.frightened = max(monsters[j].status.frightened, turns)
        if monsters[j].isHostile {
            monsters[j].state = .fleeing
            monsters[j].machine = 0
        }
        if canSee(monsters[j]) { events.append(.message("The \(seenName(of: monsters[j])) flees in terror!", .good)) }
    }

    /// A frightening bolt reaches the player: it cannot strike for `turns` turns, unless immune to fear.
    mutating func frightenPlayer(turns: Int, _ events: inout [GameEvent]) {
        guard player.status.fearImmune == 0 else {
            events.append(.message("A wave of dread washes over you, and passes.", .info))
            return
        }
        player.status.frightened = max(player.status.frightened, turns)
        events.append(.message("You are seized by terror!", .bad))
    }

    /// The charm of fear immunity: fear ends and cannot take hold for `power` turns.
    mutating func becomeFearless(for power: Int, _ events: inout [GameEvent]) {
        player.status.fearImmune = max(player.status.fearImmune, max(1, power))
        player.status.frightened = 0
        events.append(.message("A calm settles over you: nothing can frighten you now.", .good))
    }

    /// A frightened player who tries to strike monster `i` cowers instead; the turn is spent, so a
    /// stored game replays it as played. Nil when the player is not frightened.
    mutating func cowers(before i: Int, _ events: inout [GameEvent]) -> Int? {
        guard player.status.frightened > 0 else { return nil }
        events.append(.message("You are too frightened to strike the \(seenName(of: monsters[i]))!", .bad))
        return 100
    }
}

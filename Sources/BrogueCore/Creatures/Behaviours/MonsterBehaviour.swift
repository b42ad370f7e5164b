/// What a monster behaviour asks its monster to do this turn.
public enum MonsterIntent: Hashable, Sendable {
    /// Leave the turn to the next behaviour in line (for a kind's named behaviour: the built-in AI).
    case defaultAI
    /// Spend the turn in place.
    case wait
    /// Take one step towards a cell (any distance away); waits when the step is blocked.
    case move(toward: Point)
    /// Attack whoever stands on an adjacent cell; waits when no one is there.
    case attack(at: Point)
    /// Start fleeing, then let the built-in AI run away.
    case flee
    /// Take one step in a direction, as a monster chooses its steps: never into a hazard, never out
    /// of a guarded machine, never onto someone; waits when the step is blocked or the monster cannot move.
    case step(Direction)
    /// Stumble one step in a direction (confusion): like `step`, except that it may go into a hazard.
    case stumble(Direction)
    /// Use the kind's ability at this index in `MonsterKind.abilities` on a cell (the target of a
    /// bolt, where summons appear); waits when the ability cannot be used there.
    case useAbility(Int, at: Point)
}

/// How a monster decides its turn: the built-in behaviours (`Hunting`, `Fleeing`, `Wandering`, ...)
/// and a plugin's, which a monster kind names with `behaviour`.
///
/// The monster's state picks the built-in one (`MonsterState.behaviour`); a kind's named behaviour
/// is asked first on each waking turn, and `.defaultAI` hands the turn on to the built-in one.
/// A behaviour reads the game, may draw from `game.rng` (never any other randomness) and returns an
/// intent; the rules carry the intent out.
///
/// ```swift
/// struct Coward: MonsterBehaviour {
///     func intent(monster: Int, game: inout Game, events: inout [GameEvent]) -> MonsterIntent {
///         game.monsters[monster].position.distance(to: game.player.position) <= 2 ? .flee : .defaultAI
///     }
/// }
/// ```
public protocol MonsterBehaviour: Sendable {
    /// Decides what monster `monster` (an index into `game.monsters`) does this turn.
    /// - Parameters:
    ///   - monster: the acting monster's index in `game.monsters`.
    ///   - game: the game; the behaviour may draw from `game.rng` and use the `Game+Extensions` actions.
    ///   - events: where messages and other events go.
    /// - Returns: the intent.
    func intent(monster: Int, game: inout Game, events: inout [GameEvent]) -> MonsterIntent
}

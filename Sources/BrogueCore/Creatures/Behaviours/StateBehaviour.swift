/// A built-in behaviour: the one a monster's state selects (`MonsterState.behaviour`).
protocol StateBehaviour: MonsterBehaviour {
    /// Whether a monster in this state is awake and against the player. Its turn then starts with
    /// `perceive`, and its kind's named behaviour and confusion (`Stumbling`) may decide before the
    /// behaviour of its state, which `perceive` may have changed. Otherwise this behaviour alone decides.
    var isAwakeFoe: Bool { get }

    /// Updates the monster's state from what it senses (noticing the player, losing track, panic),
    /// before anything decides what it does.
    func perceive(monster i: Int, game: inout Game, events: inout [GameEvent])
}

extension StateBehaviour {
    var isAwakeFoe: Bool { false }
    func perceive(monster i: Int, game: inout Game, events: inout [GameEvent]) {}
}

extension MonsterState {
    /// The built-in behaviour of a monster in this state.
    var behaviour: any StateBehaviour {
        switch self {
        case .sleeping: Sleeping()
        case .wandering: Wandering()
        case .hunting: Hunting()
        case .fleeing: Fleeing()
        case .captive: Captive()
        case .dormant: Dormant()
        case .ally: Following()
        }
    }
}

/// Shackled in a machine: never acts; the player frees it by walking into it (`Game.freeCaptive`).
struct Captive: StateBehaviour {
    func intent(monster i: Int, game: inout Game, events: inout [GameEvent]) -> MonsterIntent { .wait }
}

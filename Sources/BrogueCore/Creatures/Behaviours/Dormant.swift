/// Dormant in a machine: waits, unseeing, until its machine fires and wakes it to hunt.
struct Dormant: StateBehaviour {
    func intent(monster i: Int, game: inout Game, events: inout [GameEvent]) -> MonsterIntent { .wait }
}

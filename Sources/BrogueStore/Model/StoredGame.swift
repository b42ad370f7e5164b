public import BrogueCore

/// A game with its whole action log, read in one transaction: what resume, replay and
/// export need.
public struct StoredGame: Sendable, Hashable {
    public var record: GameRecord
    /// Every action in `seq` order, in `Action.encoded` form.
    public var actions: [String]

    public init(record: GameRecord, actions: [String]) {
        self.record = record
        self.actions = actions
    }

    /// The action log parsed back into actions, ready to replay from the seed.
    ///
    /// - Throws: `StoreError.damagedGame` naming the first entry that is not a valid action.
    public func decodedActions() throws(StoreError) -> [Action] {
        var out: [Action] = []
        out.reserveCapacity(actions.count)
        for (i, text) in actions.enumerated() {
            guard let action = Action(encoded: text) else {
                throw .damagedGame(id: record.id, detail: "action \(i) ('\(text.prefix(40))') is not a valid action")
            }
            out.append(action)
        }
        return out
    }
}

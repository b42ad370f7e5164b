import BrogueProtocol

extension GameRegistry {
    /// The games with a player connected now, by id.
    func liveHosts() -> [GameHost] {
        owners.keys.sorted().compactMap { hosts[$0] }
    }

    /// The game `id` if a player plays it now.
    func liveHost(_ id: Int64) -> GameHost? {
        owners[id] == nil ? nil : hosts[id]
    }
}

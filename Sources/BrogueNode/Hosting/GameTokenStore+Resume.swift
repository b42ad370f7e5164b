import BrogueProtocol
import BrogueStore

extension GameTokenStore {
    /// Checks that `token` opens game `id`, for `resume`.
    /// - Throws: `game_not_found` when it does not; `store_failed` when the store cannot say (it
    ///   is restarting, say), which tells a reconnecting client to try again rather than give up.
    func checkResume(_ id: Int64, token: String) throws(ProtocolError) {
        let opens: Bool
        do { opens = try check(token, forGame: id) } catch {
            throw ProtocolError(.storeFailed, "game \(id)'s token could not be checked: \(error); try again shortly")
        }
        guard opens else { throw ProtocolError(.gameNotFound, "there is no game \(id) with that token on this node") }
    }
}

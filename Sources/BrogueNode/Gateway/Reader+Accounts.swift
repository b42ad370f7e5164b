import BrogueProtocol
import BrogueStore
import Logging

extension Reader {
    /// `register` and `login` (name and password, or a session token). A success replaces the
    /// connection's identity; a game already open stays open.
    func handleAccount(_ message: ClientMessage, reply: (ServerMessage) -> Void) async {
        // Each attempt costs a bcrypt hash, so it costs a token of the action rate too.
        guard limiter.allow(now: connection.config.steadyClock.now) else {
            reply(.error(ProtocolError(.rateLimited, "at most \(connection.config.actionsPerSecond) requests a second; this one was dropped")))
            return
        }
        let accounts = connection.accounts
        let address = connection.address
        do {
            let identity: Identity
            switch message {
            case .register(let name, let password): identity = try await accounts.register(name: name, password: password)
            case .login(let name, let password): identity = try await accounts.login(name: name, password: password, address: address)
            case .loginSession(let token): identity = try accounts.login(session: token, address: address)
            default: return
            }
            player = identity.player
            account = identity.player
            reply(.identity(identity))
        } catch {
            reply(.error(error))
        }
    }

    /// Records the logged-in account as the owner of a game it started.
    func recordOwner(of game: Int64) {
        guard let account else { return }
        do { try connection.accounts.store.setOwner(of: game, to: account) } catch {
            connection.logger.error("could not record the game's owner", metadata: ["game": "\(game)", "error": "\(error)"])
        }
    }
}

import ArgumentParser
import BrogueClient
import BrogueProtocol
import BrogueStore
import Foundation

extension ConnectCommand {
    /// Says hello and identifies: as the `--user` account, else as a guest named `--name`.
    func identify(_ remote: RemoteGame) async throws(RemoteError) {
        if let user { try await logIn(remote, user: user) } else { try await remote.start(name: name) }
    }

    /// `--user`: the kept session if it still works, else the password (`--register` creates
    /// the account); keeps the new session token for next time.
    func logIn(_ remote: RemoteGame, user: String) async throws(RemoteError) {
        let sessions = sessionFile()
        try await remote.sayHello()
        if !register, let sessions, let token = sessions.token(url: url, user: user) {
            do {
                let identity = try await remote.identify(.session(token))
                if identity.player.lowercased() == user.lowercased() { return }
            } catch .refused(let e) where [.sessionExpired, .badCredentials].contains(e.code) {
                try? sessions.set(nil, url: url, user: user)
            }
        }
        let password: String
        do { password = try PasswordPrompt.ask(prompt: register ? "new password for \(user): " : "password for \(user): ") } catch {
            throw .unexpected("no password")
        }
        let identity = try await remote.identify(register ? .register(name: user, password: password) : .password(name: user, password: password))
        if let token = identity.session, let sessions {
            do { try sessions.set(token, url: url, user: user) } catch {
                Console.error("brogue connect: could not keep the session in \(sessions.path): \(error.localizedDescription)")
            }
        }
    }

    private func sessionFile() -> SessionFile? {
        if let folder = data.folder { return SessionFile(folder: folder) }
        guard let path = try? SQLiteGameStore.defaultPath() else { return nil }
        return SessionFile(folder: (path as NSString).deletingLastPathComponent)
    }
}

import ArgumentParser
import BrogueClient
import BrogueFrame
import BrogueProtocol
import BrogueTerminal
import BrogueUI
import Foundation
import Logging

struct ConnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect",
        abstract: "Play on a node (brogue node) over WebSocket, in this terminal.",
        discussion: """
            Starts a new game (or resumes one with --resume GAME:TOKEN) on the node at \
            ws://HOST:PORT and plays it with the same keys as the local game: the node runs \
            the game and sends the screen. S or Ctrl-C leaves; the game stays stored on the \
            node, and the game id and resume token are printed so you can come back. \
            When the node goes away (a drain, a restart, a dropped connection) the client \
            reconnects by itself, to the next address given (--server, repeatable, or \
            comma-separated), and resumes the game. \
            --list prints the games played on the node now; --spectate GAME watches one \
            read-only (q, Esc or Ctrl-C leaves). \
            With --user NAME it logs in as an account (--register creates it): the password is \
            asked for without echo, or read from BROGUE_PASSWORD, and the session is kept in \
            node-sessions.json in the data folder for the next connect.
            """
    )

    @OptionGroup var nodes: ServerOptions

    /// The first address: where --list and --spectate connect, and what kept sessions are filed under.
    var url: String { nodes.servers[0] }

    @Option(help: "Start a new game with this seed (the node picks one otherwise).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Resume a game with the id and token printed when you left it.", valueName: "game:token"))
    var resume: String?

    @Option(help: "The guest name shown on the node.")
    var name: String?

    @Flag(help: "List the games played on the node now, to spectate, and exit.")
    var list = false

    @Option(help: ArgumentHelp("Watch a live game read-only (q or Ctrl-C leaves).", valueName: "game"))
    var spectate: Int64?
    @Option(
        help: ArgumentHelp(
            "Play as this account: the password is asked for on the terminal (or read from $BROGUE_PASSWORD); the session is kept in the data folder so the next connect needs no password.",
            valueName: "name"
        )
    )
    var user: String?

    @Flag(help: "Create the account named by --user first.")
    var register = false

    @OptionGroup var data: DataOptions

    func validate() throws {
        if resume != nil && seed != nil { throw ValidationError("--seed starts a new game; --resume continues one: give one of them") }
        if (list || spectate != nil) && (resume != nil || seed != nil) {
            throw ValidationError("--list and --spectate do not play: leave out --seed and --resume")
        }
        if list && spectate != nil { throw ValidationError("give --list or --spectate, not both") }
        if let spectate, spectate <= 0 { throw ValidationError("--spectate takes a game id (a positive number; see --list)") }
        if let resume, Self.parseResume(resume) == nil { throw ValidationError("--resume '\(resume)' is not GAME:TOKEN (for example 12:0a1b...)") }
        if register && user == nil { throw ValidationError("--register creates the account named by --user: add --user NAME") }
        if user != nil && name != nil { throw ValidationError("--name is a guest's name; an account plays under its own name: drop --name") }
    }

    static func parseResume(_ text: String) -> (Int64, String)? {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let id = Int64(parts[0]), id > 0, !parts[1].isEmpty else { return nil }
        return (id, String(parts[1]))
    }

    func run() async throws {
        var logger = Logger(label: "brogue.connect")
        logger.logLevel = .critical
        if list { return try await listGames(logger: logger) }
        if let spectate { return try await watch(spectate, logger: logger) }
        let opened: (RemoteSession, GameInfo)
        do {
            opened = try await open(logger: logger)
        } catch {
            if case .refused(let e) = error, e.code == .gameNotFound {
                Console.error("brogue connect: the node has no game with that id and token")
            } else {
                Console.error("brogue connect: \(error)")
            }
            throw ExitCode(1)
        }
        let session = opened.0
        let info = opened.1

        var failure: RemoteError?
        do {
            failure = try await play(session)
        } catch let error as TerminalError {
            if case .notATerminal = error {
                Console.error("brogue connect: playing needs a terminal (standard input and output must be a TTY)")
            } else {
                Console.error("brogue connect: terminal error: \(error)")
            }
            failure = nil
        }
        await session.close()
        let state = session.info ?? info
        print("game \(state.game): \(state.actions) actions, turn \(state.turn)\(state.over ? ", over" : "")")
        if !state.over {
            print("resume with: brogue connect \(nodes.servers.joined(separator: ",")) --resume \(state.game):\(state.token)")
        }
        if let failure {
            Console.error("brogue connect: \(failure)")
            throw ExitCode(1)
        }
    }

    /// Connects to the first node that answers, says hello, identifies (account or guest), and
    /// starts or resumes the game.
    private func open(logger: Logger) async throws(RemoteError) -> (RemoteSession, GameInfo) {
        let options = RemoteSession.Options(servers: nodes.servers, guestName: name)
        let session = try await RemoteSession.connect(options, logger: logger, onEvent: Self.showStatus) { remote throws(RemoteError) in
            try await identify(remote)
        }
        if let resume, let parsed = Self.parseResume(resume) {
            return (session, try await session.resume(game: parsed.0, token: parsed.1))
        }
        return (session, try await session.newGame(seed: seed))
    }

    /// One status line over the top row while reconnecting; the next full draw replaces it.
    @Sendable static func showStatus(_ event: RemoteSession.Event) {
        let text: String
        switch event {
        case .reconnecting(let url, let attempt): text = "reconnecting to \(url) (attempt \(attempt))..."
        case .reconnected(let url, _): text = "reconnected to \(url)"
        case .attemptFailed(let url, let attempt, _): text = "\(url) could not take the game back yet (attempt \(attempt)); trying again..."
        case .lost, .resent: return
        }
        let bytes = Array("\u{1b}7\u{1b}[1;1H\u{1b}[2K\u{1b}[7m \(text) \u{1b}[0m\u{1b}8".utf8)
        _ = bytes.withUnsafeBufferPointer { write(1, $0.baseAddress, $0.count) }
    }

    /// The key loop: draw the composed screen, send each key, until S/Ctrl-C, the end of the
    /// game, or the node ending the connection.
    private func play(_ session: RemoteSession) async throws -> RemoteError? {
        let terminal = Terminal()
        try terminal.enter()
        defer { terminal.restore() }
        func show() throws {
            guard let screen = session.screen else { return }
            let size = try terminal.size()
            if size.width < screen.width || size.height < screen.height {
                try terminal.draw(GameView.tooSmall(width: size.width, height: size.height))
            } else {
                try terminal.draw(screen)
            }
        }
        try show()
        var reconnectsDrawn = 0
        while true {
            switch try terminal.readKey(timeoutMilliseconds: 250) {
            case nil:
                // The node may say bye (shutdown, taken over) while the player thinks: a
                // drain or restart is reconnected at once, anything else ends the game here.
                let reconnected: Bool
                do { reconnected = try await session.reconnectIfEnded() } catch { return error }
                if reconnected {
                    terminal.invalidate()
                    try show()
                }
            case .resize, .redraw:
                terminal.invalidate()
                try show()
            case .key(let key):
                let name = key.name
                if name == "ctrl-c" || name == "S" { return nil }
                if session.info?.over == true { return nil }
                do {
                    _ = try await session.press(name)
                } catch {
                    return error
                }
                // A reconnect wrote its status line over the screen: draw all of it again.
                if session.counters.reconnects > reconnectsDrawn {
                    reconnectsDrawn = session.counters.reconnects
                    terminal.invalidate()
                }
                try show()
            }
        }
    }
}

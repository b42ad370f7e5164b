import ArgumentParser
import BrogueClient
import BrogueFrame
import BrogueProtocol
import BrogueTerminal
import BrogueUI
import Foundation
import Logging
import Synchronization

extension ConnectCommand {
    /// `--list`: prints the live games, one a line.
    func listGames(logger: Logger) async throws {
        do {
            let remote = try await RemoteGame.connect(url: url, logger: logger)
            try await identify(remote)
            let games = try await remote.listGames()
            await remote.close()
            if games.isEmpty {
                print("no live games on \(url)")
                return
            }
            print("GAME\tPLAYER\tDEPTH\tTURN\tSPECTATORS")
            for g in games { print("\(g.game)\t\(g.player)\t\(g.depth)\t\(g.turn)\t\(g.spectators)") }
        } catch {
            Console.error("brogue connect: \(error)")
            throw ExitCode(1)
        }
    }

    /// `--spectate ID`: draws the game's frames until q, Ctrl-C or the end of watching.
    func watch(_ game: Int64, logger: Logger) async throws {
        let remote: RemoteGame
        let watching: Watching
        do {
            remote = try await RemoteGame.connect(url: url, logger: logger)
            try await identify(remote)
            watching = try await remote.spectate(game: game)
        } catch {
            if case .refused(let e) = error, e.code == .gameNotFound {
                Console.error("brogue connect: no one plays game \(game) on the node now (see --list)")
            } else {
                Console.error("brogue connect: \(error)")
            }
            throw ExitCode(1)
        }
        // One task reads the node; the key loop draws the newest screen it left.
        let shared = WatchState(remote.screen)
        let reader = Task {
            while true {
                do {
                    switch try await remote.nextWatched() {
                    case .frame:
                        let screen = remote.screen
                        shared.state.withLock {
                            $0.screen = screen
                            $0.version += 1
                        }
                    case .ended(let reason):
                        shared.state.withLock { $0.end = "watching ended: \(reason.rawValue.replacingOccurrences(of: "_", with: " "))" }
                        return
                    }
                } catch {
                    shared.state.withLock { $0.end = "\(error)" }
                    return
                }
            }
        }
        var end: String?
        do {
            let terminal = Terminal()
            try terminal.enter()
            defer { terminal.restore() }
            var drawn = 0
            func show(force: Bool) throws {
                let (screen, version) = shared.state.withLock { ($0.screen, $0.version) }
                guard let screen, force || version != drawn else { return }
                drawn = version
                let size = try terminal.size()
                if size.width < screen.width || size.height < screen.height {
                    try terminal.draw(GameView.tooSmall(width: size.width, height: size.height))
                } else {
                    try terminal.draw(screen)
                }
            }
            try show(force: true)
            loop: while true {
                switch try terminal.readKey(timeoutMilliseconds: 100) {
                case .key(let key) where key.name == "q" || key.name == "ctrl-c" || key.name == "escape":
                    break loop
                case .resize, .redraw:
                    terminal.invalidate()
                    try show(force: true)
                default:
                    try show(force: false)
                    if let e = shared.state.withLock({ $0.end }) {
                        end = e
                        break loop
                    }
                }
            }
        } catch let error as TerminalError {
            if case .notATerminal = error {
                Console.error("brogue connect: spectating needs a terminal (standard input and output must be a TTY)")
            } else {
                Console.error("brogue connect: terminal error: \(error)")
            }
        }
        reader.cancel()
        await remote.drop()
        _ = await reader.value
        print("watched game \(watching.game) of \(watching.player)\(end.map { ": \($0)" } ?? "")")
    }
}

/// What the spectating reader task leaves for the key loop.
final class WatchState: Sendable {
    let state: Mutex<(screen: Frame?, version: Int, end: String?)>
    init(_ screen: Frame?) { state = Mutex((screen, 1, nil)) }
}

import BrogueContent
import BrogueCore
import BrogueFrame
import BrogueRecording
import BrogueStore
import BrogueTerminal
import BrogueUI

/// Watches a stored game being replayed: pause, faster, slower, step, next depth.
struct ReplayViewer {
    let games: RecordedGames
    let ui: TerminalPlay

    static let speeds = [1, 2, 5, 10, 20, 50, 100, 250, 1_000]

    func run(_ stored: StoredGame) throws {
        // Check the content first, as resuming does; the hash is compared at the end.
        _ = try games.rebuild(StoredGame(record: stored.record, actions: []), checkHash: false)
        let actions = try stored.decodedActions()
        let session = PlaySession(game: Game(seed: stored.record.seed, catalog: games.catalog), recorder: nil)
        var index = 0
        var speed = 3
        var paused = false
        func frame() -> Frame {
            var f = GameView.render(session, ascii: ui.ascii)
            let state = index >= actions.count ? "finished" : paused ? "paused" : "\(Self.speeds[speed]) actions/s"
            let line = "Replay of game \(stored.record.id): action \(index)/\(actions.count), \(state)"
            f.fill(Cell(" "), x: Layout.mapX, y: Layout.statusY, width: Layout.width - Layout.mapX, height: 2)
            f.put(line, x: Layout.mapX, y: Layout.statusY, fg: Theme.title)
            f.put("space pause  + faster  - slower  . step  n next depth  q quit", x: Layout.mapX, y: Layout.statusY + 1, fg: Theme.dimText)
            return f
        }
        func advance() {
            guard index < actions.count else { return }
            session.replay(actions[index])
            index += 1
        }
        while true {
            try ui.show(frame())
            let wait = paused || index >= actions.count ? -1 : max(1, 1_000 / Self.speeds[speed])
            guard let key = try ui.nextKey(timeoutMilliseconds: wait, redraw: frame) else {
                advance()
                continue
            }
            switch key.name {
            case " ": paused.toggle()
            case "+", "=", ">", "right": speed = min(Self.speeds.count - 1, speed + 1)
            case "-", "<", "left": speed = max(0, speed - 1)
            case ".", "s": advance()
            case "n":
                let depth = session.game.depth
                while index < actions.count && session.game.depth == depth { advance() }
            case "q", "escape", "ctrl-c": return
            default: break
            }
        }
    }
}

import Foundation
import Testing

/// `brogue connect --list` and `--spectate` with the real binaries: a node, a player and a
/// spectator, each in its own tmux terminal.
@Suite(.serialized) struct SpectateCommandTests {
    @Test func aTerminalSpectatorSeesWhatThePlayerSeesAndLeavesWithQ() throws {
        guard Tmux.available() else { return }
        let data = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let binary = BrogueProcess.binary.path
        let content = BrogueProcess.repoRoot.appendingPathComponent("content/core").path
        let tmux = Tmux()
        try tmux.start("LOG_LEVEL=error \(binary) node --listen 127.0.0.1:0 --data \(data.path) --content \(content)", session: "node")
        let listening = try tmux.waitFor("the node to listen", session: "node") { $0.contains { $0.hasPrefix("listening on ") } }
        let line = try #require(listening.first { $0.hasPrefix("listening on ") })
        let url = "ws://" + line.dropFirst("listening on ".count).trimmingCharacters(in: .whitespaces)

        let none = try BrogueProcess.run(["connect", url, "--list"])
        #expect(none.status == 0 && none.stdout.contains("no live games"), "\(none.stdout)\(none.stderr)")

        try tmux.start("\(binary) connect \(url) --seed 7 --name alice", session: "player")
        try tmux.waitFor("the player's game", session: "player") { $0.contains { $0.contains("Depth 1") } }
        let listed = try BrogueProcess.run(["connect", url, "--list"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let row = try #require(listed.stdout.split(separator: "\n").first { $0.contains("guest-alice-") }, "\(listed.stdout)")
        let fields = row.split(separator: "\t")
        #expect(fields.count == 5 && fields[2] == "1" && fields[4] == "0", "\(row)")
        let game = String(fields[0])

        try tmux.start("\(binary) connect \(url) --spectate \(game)", session: "watcher")
        try tmux.waitFor("the watched game", session: "watcher") { $0.contains { $0.contains("Depth 1") } }
        // The player explores; the watcher's screen follows to the same turn and the same map.
        try tmux.keys("x", session: "player")
        let played = try tmux.waitFor("the player to explore", session: "player") { s in s.contains { $0.contains("Turn ") && !$0.contains("Turn 0") }
        }
        let turnLine = try #require(played.first { $0.contains("Turn ") })
        let watched = try tmux.waitFor("the watcher to see the same turn", session: "watcher") { s in s.contains { $0 == turnLine } }
        #expect(Array(watched.prefix(32)) == Array(played.prefix(32)), "the watcher's screen should be the player's")

        let wrong = try BrogueProcess.run(["connect", url, "--spectate", "999"])
        #expect(wrong.status == 1 && wrong.stderr.contains("no one plays game 999"), "\(wrong.stderr)")

        // q leaves the watcher; the player is not disturbed and leaves with S.
        try tmux.keys("q", session: "watcher")
        try tmux.waitForExit(session: "watcher")
        #expect(try tmux.isRunning(session: "player"))
        try tmux.keys("S", session: "player")
        try tmux.waitForExit(session: "player")
        try tmux.keys("C-c", session: "node")
        try tmux.waitForExit(session: "node")
    }
}

import BrogueClient
import BrogueContent
import BrogueCore
import BrogueNode
import BrogueUI
import Foundation

extension BenchCommand {
    /// What a hosted game holds as it ages: games played by the load test's bots' moves (explore,
    /// and when nothing is left to explore, a random step or the stairs), side by side, with the
    /// heap in use (glibc's `mallinfo2`) read at each age. A node's memory under steady play
    /// (`scripts/soak.sh`) rises as long as its games' figures here do.
    func gameMemoryByAge(_ catalog: ContentCatalog) {
        let ages = [0, 300, 900, 1800]
        guard let before = HeapStats.current() else {
            print("game memory by age: not measured (the C library is not glibc, or a sanitizer's allocator replaced it)")
            return
        }
        let count = memoryGames
        var sessions = (0..<count).map { PlaySession(game: Game(seed: 1000 + UInt64($0), catalog: catalog), recorder: nil) }
        var rng = BrogueClient.SplitMix64(seed: 77)
        var moves = [BotMoves](repeating: BotMoves(), count: count)
        var played = 0
        var figures: [String] = []
        for age in ages {
            while played < age {
                for i in sessions.indices where !sessions[i].game.isOver {
                    let text = moves[i].next(using: &rng)
                    guard let action = Action(encoded: text) else { continue }
                    let performed = try? sessions[i].perform(action)
                    let refused = performed.map { $0.events.contains { if case .refused = $0 { true } else { false } } } ?? true
                    if refused { moves[i].refused(text) }
                }
                played += 1
            }
            let held = (HeapStats.current()?.allocatedBytes ?? before.allocatedBytes) - before.allocatedBytes
            figures.append("\(String(format: "%.1f", Double(held) / Double(count) / 1024)) KB after \(age)")
        }
        let over = sessions.filter { $0.game.isOver }.count
        print(
            "game memory by age (\(count) games, the load bots' moves, heap in use per game): \(figures.joined(separator: ", ")) actions; \(over) of \(count) over by then"
        )
        sessions.removeAll()
    }
}

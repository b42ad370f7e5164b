import ArgumentParser
import BrogueCore
import BrogueRecording
import BrogueStore
import Foundation

extension ReplayCommand {
    /// `--verify --all`: replays every stored game, oldest first, one line each, then a total;
    /// exits 1 when any game cannot be read or does not replay to its stored hash.
    func verifyAll(store: any GameStore, games: VariantGames) throws {
        let ids: [Int64]
        do { ids = try store.listGames(limit: Int.max).map(\.id).sorted() } catch {
            Console.error("brogue: cannot list the stored games: \(error)")
            throw ExitCode(1)
        }
        var failed: [Int64] = []
        var actions = 0
        for id in ids {
            do {
                guard let stored = try store.loadGame(id: id) else { continue }  // deleted since the list was read
                let game = try games.games(for: stored.record).rebuild(stored)
                actions += stored.actions.count
                print("game \(id): \(stored.actions.count) actions, stateHash \(game.stateHash.hex16) matches")
            } catch {
                failed.append(id)
                Console.error("brogue: game \(id): verification failed: \(error)")
            }
        }
        print("verified \(ids.count - failed.count) of \(ids.count) games (\(actions) actions), \(failed.count) failed")
        if !failed.isEmpty { throw ExitCode(1) }
    }
}

// Test helper for BrogueStoreTests' crash-safety test: appends actions to a store in a loop,
// printing each commit, until its parent kills it with SIGKILL.
//
// Usage: brogue-store-crasher <database-path> new|resume
//   new     starts a game and appends to it
//   resume  appends to the most recently started unfinished game
// Each committed action prints `committed <game-id> <seq>` on its own line (one write(2) each,
// so the parent sees it as soon as the commit returned). The summary written with action n
// has turns = n + 1 and stateHash = (n + 1) * 0x9E3779B97F4A7C15, so the parent can check
// that the summary and the log were committed together.
import BrogueStore
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3, arguments[2] == "new" || arguments[2] == "resume" else {
    FileHandle.standardError.write(Data("usage: brogue-store-crasher <database-path> new|resume\n".utf8))
    exit(2)
}

func summary(afterCount count: Int) -> GameSummary {
    GameSummary(depth: 1, deepest: 1, turns: count, gold: 0, stateHash: UInt64(count) &* 0x9E37_79B9_7F4A_7C15)
}

do {
    let store = try SQLiteGameStore(path: arguments[1])
    let game: GameRecord
    if arguments[2] == "resume", let latest = try store.unfinishedGames().first {
        game = latest
    } else {
        game = try store.createGame(
            seed: 42,
            contentHash: 0xC0FFEE,
            contentSet: [ContentRef(id: "core", version: "1.0.0")],
            start: summary(afterCount: 0)
        )
    }
    let actions = ["m0", "m1", "z", "s", "x", "T10,5", "m6", "p"]
    var seq = game.nextSeq
    // Bounded: the parent kills the helper long before this.
    for _ in 0..<1_000_000 {
        try store.appendAction(gameID: game.id, seq: seq, action: actions[seq % actions.count], summary: summary(afterCount: seq + 1))
        FileHandle.standardOutput.write(Data("committed \(game.id) \(seq)\n".utf8))
        seq += 1
    }
} catch {
    FileHandle.standardError.write(Data("brogue-store-crasher: \(error)\n".utf8))
    exit(1)
}

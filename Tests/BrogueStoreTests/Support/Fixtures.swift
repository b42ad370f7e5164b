import BrogueStore
import Foundation
import Testing

let coreSet = [ContentRef(id: "core", version: "1.0.0")]

/// A summary whose numbers follow from the action count, so checks can tell which action it
/// was written with.
func summary(after count: Int, depth: Int = 1) -> GameSummary {
    GameSummary(depth: depth, deepest: depth, turns: count, gold: count * 2, stateHash: UInt64(count) &* 0x9E37_79B9_7F4A_7C15)
}

let sampleActions = ["m0", "m1", "z", "s", "x", "T10,5", "m6", "p", "da", "Rab", "ta3,4", ">"]

/// Creates a game and appends `count` actions to it.
@discardableResult
func makeGame(_ store: some GameStore, seed: UInt64 = 7, contentHash: UInt64 = 0xABCD, actions count: Int) throws -> GameRecord {
    let game = try store.createGame(seed: seed, contentHash: contentHash, contentSet: coreSet, start: summary(after: 0))
    for seq in 0..<count {
        try store.appendAction(gameID: game.id, seq: seq, action: sampleActions[seq % sampleActions.count], summary: summary(after: seq + 1))
    }
    return try #require(try store.game(id: game.id))
}

/// Three games with logs of different lengths, one of them finished with a score: what every
/// fault test starts from and checks again afterwards.
func makeThreeGames(_ store: some GameStore) throws -> [StoredGame] {
    let a = try makeGame(store, seed: 1, actions: 5)
    let b = try makeGame(store, seed: UInt64.max, actions: 40)
    let c = try makeGame(store, seed: 3, actions: 0)
    try store.finishGame(id: b.id, status: .died, cause: "killed by a jackal", summary: nil, score: ScoreEntry(points: 120, playerName: "Rogue"))
    return try [a, b, c].map { try #require(try store.loadGame(id: $0.id)) }
}

/// Reopens the file and checks that the games are exactly as they were.
func expectIntact(_ path: String, _ games: [StoredGame], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let store = try SQLiteGameStore(path: path, options: .init(access: .readOnly))
    for game in games {
        let now = try store.loadGame(id: game.record.id)
        #expect(now == game, "game \(game.record.id) changed", sourceLocation: sourceLocation)
    }
    #expect(try store.integrityProblems() == [], sourceLocation: sourceLocation)
}

/// The bytes of a file, to show it was not modified.
func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

/// Writes `data` to `path`, replacing the file.
func writeFile(_ path: String, _ data: Data) throws {
    try data.write(to: URL(fileURLWithPath: path))
}

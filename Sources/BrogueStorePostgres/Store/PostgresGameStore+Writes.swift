public import BrogueCore
public import BrogueStore
import Foundation
import PostgresNIO

extension PostgresGameStore {
    /// A check run first inside a write's transaction; it throws to refuse the write.
    typealias Fence = (Transaction) throws -> Void

    public func createGame(seed: UInt64, contentHash: UInt64, contentSet: [ContentRef], start: GameSummary) throws(StoreError) -> GameRecord {
        try StoreChecks.newGame(contentSet: contentSet, start: start)
        let now = GameColumns.milliseconds(options.now())
        return try transaction { transaction in
            let row = try transaction.query(
                """
                INSERT INTO game (seed, content_hash, content_set, status, depth, deepest, turns, gold, state_hash, started_at, updated_at, action_count)
                VALUES (\(StoreText.seed(seed)), \(StoreText.hash(contentHash)), \(StoreText.contentSet(contentSet)), \(GameStatus.playing.rawValue),
                    \(start.depth), \(start.deepest), \(start.turns), \(start.gold), \(StoreText.hash(start.stateHash)), \(now), \(now), 0)
                RETURNING \(unescaped: GameColumns.list)
                """
            )
            return try GameColumns.record(row[0])
        }
    }

    public func appendAction(gameID: Int64, seq: Int, action: Action, summary: GameSummary) throws(StoreError) {
        try appendAction(gameID: gameID, seq: seq, action: action, summary: summary, fence: nil)
    }

    /// The append, after `fence` (run first in the write's transaction) let it through.
    func appendAction(gameID: Int64, seq: Int, action: Action, summary: GameSummary, fence: Fence?) throws(StoreError) {
        try StoreChecks.append(gameID: gameID, seq: seq, summary: summary)
        let now = GameColumns.milliseconds(options.now())
        try transaction { transaction in
            try fence?(transaction)
            let count = try Self.lockPlayingGame(gameID, in: transaction)
            guard seq == count else { throw StoreError.outOfSequence(gameID: gameID, expected: count, got: seq) }
            try transaction.execute("INSERT INTO action (game_id, seq, action) VALUES (\(gameID), \(seq), \(action.encoded))")
            try transaction.execute(
                """
                UPDATE game SET depth = \(summary.depth), deepest = \(summary.deepest), turns = \(summary.turns), gold = \(summary.gold),
                    state_hash = \(StoreText.hash(summary.stateHash)), action_count = action_count + 1, updated_at = \(now)
                WHERE id = \(gameID)
                """
            )
        }
    }

    @discardableResult
    public func finishGame(
        id: Int64,
        status: GameStatus,
        cause: String?,
        summary: GameSummary?,
        score: ScoreEntry?
    ) throws(StoreError)
        -> GameRecord
    {
        try finishGame(id: id, status: status, cause: cause, summary: summary, score: score, fence: nil)
    }

    /// The finish, after `fence` (run first in the write's transaction) let it through.
    func finishGame(
        id: Int64,
        status: GameStatus,
        cause: String?,
        summary: GameSummary?,
        score: ScoreEntry?,
        fence: Fence?
    ) throws(StoreError)
        -> GameRecord
    {
        try StoreChecks.finish(id: id, status: status, cause: cause, summary: summary, score: score)
        let now = GameColumns.milliseconds(options.now())
        return try transaction { transaction in
            try fence?(transaction)
            _ = try Self.lockPlayingGame(id, in: transaction)
            var update: PostgresQuery = "UPDATE game SET status = \(status.rawValue), cause = \(cause), updated_at = \(now) WHERE id = \(id)"
            if let summary {
                update = """
                    UPDATE game SET status = \(status.rawValue), cause = \(cause), updated_at = \(now), depth = \(summary.depth),
                        deepest = \(summary.deepest), turns = \(summary.turns), gold = \(summary.gold), state_hash = \(StoreText.hash(summary.stateHash))
                    WHERE id = \(id)
                    """
            }
            try transaction.execute(update)
            if let score {
                try transaction.execute(
                    """
                    INSERT INTO score (game_id, content_hash, score, depth, turns, outcome, cause, player_name, recorded_at)
                    SELECT id, content_hash, \(score.points), depth, turns, \(status.rawValue), \(cause), \(score.playerName), \(now)
                    FROM game WHERE id = \(id)
                    """
                )
            }
            let row = try transaction.query("SELECT \(unescaped: GameColumns.list) FROM game WHERE id = \(id)")
            return try GameColumns.record(row[0])
        }
    }

    public func insertGame(_ game: StoredGame) throws(StoreError) -> GameRecord {
        try StoreChecks.insert(game)
        let record = game.record
        let summary = record.summary
        return try transaction { transaction in
            let row = try transaction.query(
                """
                INSERT INTO game (seed, content_hash, content_set, status, depth, deepest, turns, gold, state_hash, cause, started_at, updated_at, action_count)
                VALUES (\(StoreText.seed(record.seed)), \(StoreText.hash(record.contentHash)), \(StoreText.contentSet(record.contentSet)),
                    \(record.status.rawValue), \(summary.depth), \(summary.deepest), \(summary.turns), \(summary.gold),
                    \(StoreText.hash(summary.stateHash)), \(record.cause), \(GameColumns.milliseconds(record.startedAt)),
                    \(GameColumns.milliseconds(record.updatedAt)), \(record.actionCount))
                RETURNING \(unescaped: GameColumns.list)
                """
            )
            let stored = try GameColumns.record(row[0])
            // Whole batches as one array each: one round trip per 10,000 actions, not per action.
            var start = 0
            for batch in game.actions.chunked(10_000) {
                try transaction.execute(
                    """
                    INSERT INTO action (game_id, seq, action)
                    SELECT \(stored.id), \(start) + n - 1, a FROM unnest(\(Array(batch))::text[]) WITH ORDINALITY AS t(a, n)
                    """
                )
                start += batch.count
            }
            return stored
        }
    }

    /// Locks a game's row for the rest of the transaction.
    ///
    /// - Returns: its action count.
    /// - Throws: `StoreError.gameNotFound`, `.gameFinished`.
    static func lockPlayingGame(_ id: Int64, in transaction: Transaction) throws -> Int {
        guard let row = try transaction.query("SELECT status, action_count FROM game WHERE id = \(id) FOR UPDATE").first else {
            throw StoreError.gameNotFound(id: id)
        }
        let (status, count) = try row.decode((String, Int).self, context: .default)
        guard status == GameStatus.playing.rawValue else {
            throw StoreError.gameFinished(id: id, status: GameStatus(rawValue: status) ?? .abandoned)
        }
        return count
    }
}

extension Array {
    fileprivate func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

public import BrogueCore
import GRDB

extension SQLiteGameStore {
    public func createGame(
        seed: UInt64,
        contentHash: UInt64,
        contentSet: [ContentRef],
        start: GameSummary
    ) throws(StoreError)
        -> GameRecord
    {
        try StoreChecks.newGame(contentSet: contentSet, start: start)
        let now = options.now()
        let record = GameRecord(
            id: 0,
            seed: seed,
            contentHash: contentHash,
            contentSet: contentSet,
            status: .playing,
            summary: start,
            cause: nil,
            startedAt: now,
            updatedAt: now,
            actionCount: 0
        )
        let row = try write { db in
            var row = GameRow(record)
            try row.insert(db)
            return row
        }
        // Read back through the row, so the times have the stored precision.
        return try row.record()
    }

    public func appendAction(gameID: Int64, seq: Int, action: Action, summary: GameSummary) throws(StoreError) {
        try appendAction(gameID: gameID, seq: seq, action: action, summary: summary, fence: nil)
    }

    /// The append, after `fence` (run first in the write's transaction) let it through.
    func appendAction(gameID: Int64, seq: Int, action: Action, summary: GameSummary, fence: Fence?) throws(StoreError) {
        let action = action.encoded
        try StoreChecks.append(gameID: gameID, seq: seq, summary: summary)
        let now = StoreText.timestamp(options.now())
        let hash = StoreText.hash(summary.stateHash)
        try write { db in
            try fence?(db)
            // One statement checks and moves the game on, without reading and rewriting the whole
            // row (its content set is kilobytes of JSON) with every action.
            let update = try db.cachedStatement(
                sql: """
                    UPDATE game SET depth = ?, deepest = ?, turns = ?, gold = ?, state_hash = ?, updated_at = ?,
                        action_count = action_count + 1
                    WHERE id = ? AND status = 'playing' AND action_count = ?
                    """
            )
            try update.execute(arguments: [summary.depth, summary.deepest, summary.turns, summary.gold, hash, now, gameID, seq])
            guard db.changesCount == 1 else {
                // Nothing changed: say why.
                guard let row = try Row.fetchOne(db, sql: "SELECT status, action_count FROM game WHERE id = ?", arguments: [gameID]) else {
                    throw StoreError.gameNotFound(id: gameID)
                }
                let status: String = row["status"]
                guard status == GameStatus.playing.rawValue else {
                    throw StoreError.gameFinished(id: gameID, status: GameStatus(rawValue: status) ?? .abandoned)
                }
                throw StoreError.outOfSequence(gameID: gameID, expected: row["action_count"], got: seq)
            }
            try db.cachedStatement(sql: "INSERT INTO action (game_id, seq, action) VALUES (?, ?, ?)").execute(arguments: [gameID, seq, action])
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
    ) throws(StoreError) -> GameRecord {
        try StoreChecks.finish(id: id, status: status, cause: cause, summary: summary, score: score)
        let now = StoreText.timestamp(options.now())
        let row = try write { db in
            try fence?(db)
            guard var row = try GameRow.fetchOne(db, key: id) else { throw StoreError.gameNotFound(id: id) }
            guard row.status == GameStatus.playing.rawValue else {
                throw StoreError.gameFinished(id: id, status: GameStatus(rawValue: row.status) ?? .abandoned)
            }
            row.status = status.rawValue
            row.cause = cause
            if let summary { row.apply(summary) }
            row.updatedAt = now
            try row.update(db)
            if let score {
                var scoreRow = ScoreRow(
                    id: nil,
                    gameID: id,
                    contentHash: row.contentHash,
                    score: score.points,
                    depth: row.depth,
                    turns: row.turns,
                    outcome: status.rawValue,
                    cause: cause,
                    playerName: score.playerName,
                    recordedAt: now
                )
                try scoreRow.insert(db)
            }
            return row
        }
        return try row.record()
    }

    public func insertGame(_ game: StoredGame) throws(StoreError) -> GameRecord {
        try StoreChecks.insert(game)
        let record = game.record
        let row = try write { db in
            var row = GameRow(record)
            try row.insert(db)
            let insert = try db.cachedStatement(sql: "INSERT INTO action (game_id, seq, action) VALUES (?, ?, ?)")
            for (seq, text) in game.actions.enumerated() {
                try insert.execute(arguments: [row.id, seq, text])
            }
            return row
        }
        return try row.record()
    }

    /// A check run first inside a write's transaction; it throws to refuse the write.
    typealias Fence = (Database) throws -> Void
}

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
        try Self.check(contentSet: contentSet)
        if let problem = start.problem { throw .invalidArgument("new game: \(problem)") }
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
        let action = action.encoded
        if let problem = summary.problem { throw .invalidArgument("game \(gameID) seq \(seq): \(problem)") }
        let now = StoreText.timestamp(options.now())
        try write { db in
            guard var row = try GameRow.fetchOne(db, key: gameID) else { throw StoreError.gameNotFound(id: gameID) }
            guard row.status == GameStatus.playing.rawValue else {
                throw StoreError.gameFinished(id: gameID, status: GameStatus(rawValue: row.status) ?? .abandoned)
            }
            guard seq == row.actionCount else {
                throw StoreError.outOfSequence(gameID: gameID, expected: row.actionCount, got: seq)
            }
            try ActionRow(gameID: gameID, seq: seq, action: action).insert(db)
            row.apply(summary)
            row.actionCount += 1
            row.updatedAt = now
            try row.update(db)
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
        guard status.isFinished else { throw .invalidArgument("game \(id): finishGame needs won, died or abandoned, not playing") }
        if let cause, let problem = StoreText.problem(with: cause, maxLength: GameExport.maximumTextLength) {
            throw .invalidArgument("game \(id): the cause \(problem)")
        }
        if let problem = summary?.problem { throw .invalidArgument("game \(id): \(problem)") }
        if let name = score?.playerName, let problem = StoreText.problem(with: name, maxLength: 200) {
            throw .invalidArgument("game \(id): the player name \(problem)")
        }
        let now = StoreText.timestamp(options.now())
        let row = try write { db in
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
        let record = game.record
        try Self.check(contentSet: record.contentSet)
        if let problem = record.summary.problem { throw .invalidArgument("imported game: \(problem)") }
        if let cause = record.cause, let problem = StoreText.problem(with: cause, maxLength: GameExport.maximumTextLength) {
            throw .invalidArgument("imported game: the cause \(problem)")
        }
        guard record.actionCount == game.actions.count else {
            throw .invalidArgument("imported game: actionCount is \(record.actionCount) but \(game.actions.count) actions were given")
        }
        for (i, text) in game.actions.enumerated() {
            guard text.utf8.count <= GameExport.maximumActionLength, Action(encoded: text) != nil else {
                throw .invalidArgument("imported game: action \(i) ('\(text.prefix(40))') is not an encoded action")
            }
        }
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

    private static func check(contentSet: [ContentRef]) throws(StoreError) {
        guard contentSet.count <= GameExport.maximumContentSet else {
            throw .invalidArgument("the content set has \(contentSet.count) plugins; the limit is \(GameExport.maximumContentSet)")
        }
        for ref in contentSet {
            for text in [ref.id, ref.version] {
                if let problem = StoreText.problem(with: text, maxLength: 200) {
                    throw .invalidArgument("content set entry '\(ref.id.prefix(40))': \(problem)")
                }
            }
        }
    }
}

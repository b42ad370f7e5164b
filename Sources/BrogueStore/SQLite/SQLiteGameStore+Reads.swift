import GRDB

extension SQLiteGameStore {
    public func game(id: Int64) throws(StoreError) -> GameRecord? {
        try read { db in try GameRow.fetchOne(db, key: id)?.record() }
    }

    public func actions(gameID: Int64) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT action FROM action WHERE game_id = ? ORDER BY seq", arguments: [gameID])
        }
    }

    /// Also checks that the log is gap-free (seq 0, 1, 2, ...) and as long as the summary says.
    public func loadGame(id: Int64) throws(StoreError) -> StoredGame? {
        try read { db in
            guard let row = try GameRow.fetchOne(db, key: id) else { return nil }
            let record = try row.record()
            var actions: [String] = []
            actions.reserveCapacity(record.actionCount)
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, action FROM action WHERE game_id = ? ORDER BY seq", arguments: [id])
            while let r = try rows.next() {
                let seq: Int = r[0]
                guard seq == actions.count else {
                    throw StoreError.damagedGame(id: id, detail: "its action log jumps from seq \(actions.count - 1) to \(seq)")
                }
                actions.append(r[1])
            }
            guard actions.count == record.actionCount else {
                throw StoreError.damagedGame(
                    id: id,
                    detail: "its summary counts \(record.actionCount) actions but \(actions.count) are stored"
                )
            }
            return StoredGame(record: record, actions: actions)
        }
    }

    public func listGames(limit: Int) throws(StoreError) -> [GameRecord] {
        try read { db in
            try GameRow.order(GameRow.CodingKeys.id.desc).limit(max(0, limit)).fetchAll(db).map { row throws(StoreError) in try row.record() }
        }
    }

    public func unfinishedGames() throws(StoreError) -> [GameRecord] {
        try read { db in
            try GameRow.filter(GameRow.CodingKeys.status == GameStatus.playing.rawValue)
                .order(GameRow.CodingKeys.id.desc)
                .fetchAll(db)
                .map { row throws(StoreError) in try row.record() }
        }
    }

    public func highScores(contentHash: UInt64, limit: Int) throws(StoreError) -> [ScoreRecord] {
        try read { db in
            try ScoreRow.filter(ScoreRow.CodingKeys.contentHash == StoreText.hash(contentHash))
                .order(ScoreRow.CodingKeys.score.desc, ScoreRow.CodingKeys.recordedAt, ScoreRow.CodingKeys.id)
                .limit(max(0, limit))
                .fetchAll(db)
                .map { row throws(StoreError) in try row.record() }
        }
    }

    /// Checks the whole file: SQLite's own `quick_check`, then every game's log against its
    /// summary. Reads everything, so it takes time on a large store; for a `check` command.
    ///
    /// - Returns: one line per problem found; empty when the store is sound.
    public func integrityProblems() throws(StoreError) -> [String] {
        try read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA quick_check").filter { $0 != "ok" }.map { "SQLite: \($0)" }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT game.id, game.action_count, count(action.seq), coalesce(max(action.seq), -1)
                    FROM game LEFT JOIN action ON action.game_id = game.id
                    GROUP BY game.id ORDER BY game.id
                    """
            )
            for r in rows {
                let id: Int64 = r[0]
                let summaryCount: Int = r[1]
                let stored: Int = r[2]
                let maxSeq: Int = r[3]
                if stored != summaryCount { problems.append("game \(id): summary counts \(summaryCount) actions, \(stored) stored") }
                if maxSeq != stored - 1 { problems.append("game \(id): action log has gaps (highest seq \(maxSeq), \(stored) stored)") }
            }
            return problems
        }
    }
}
